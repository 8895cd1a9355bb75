import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteAdapter } from '../../src/store/sqlite.js';

const mode = (path: string) => statSync(path).mode & 0o777;

let root: string | undefined;
afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true });
  root = undefined;
});

async function openAndWrite(path: string): Promise<void> {
  const adapter = new SqliteAdapter(path);
  try {
    // A write in WAL mode creates the -wal and -shm files.
    await adapter.set('member-token:1', '{"value":1}');
    expect(await adapter.get('member-token:1')).toBe('{"value":1}');
    for (const file of [path, `${path}-wal`, `${path}-shm`]) expect(mode(file)).toBe(0o600);
  } finally {
    await adapter.disconnect();
  }
}

describe('the SQLite file and its directory are readable by the bot’s user only', () => {
  it('creates the directories 0700 and the database, -wal and -shm 0600', async () => {
    root = mkdtempSync(join(tmpdir(), 'lrr-modes-'));
    const path = join(root, 'data', 'nested', 'bot.sqlite');
    await openAndWrite(path);
    expect(mode(join(root, 'data'))).toBe(0o700);
    expect(mode(join(root, 'data', 'nested'))).toBe(0o700);
  });

  it('leaves an existing directory as it is, and sets an existing database to 0600', async () => {
    root = mkdtempSync(join(tmpdir(), 'lrr-modes-'));
    const dir = join(root, 'data');
    mkdirSync(dir);
    chmodSync(dir, 0o755);
    const path = join(dir, 'bot.sqlite');
    await new SqliteAdapter(path).disconnect();
    chmodSync(path, 0o644);
    writeFileSync(`${path}-wal`, '');
    chmodSync(`${path}-wal`, 0o644);
    await openAndWrite(path);
    expect(mode(dir)).toBe(0o755);
  });
});
