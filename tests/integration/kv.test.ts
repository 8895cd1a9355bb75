import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RefusalError } from '../../src/errors.js';
import type { ClaimableAdapter } from '../../src/store/adapter.js';
import { Kv } from '../../src/store/kv.js';
import { MemoryAdapter } from '../../src/store/memory.js';
import { RedisAdapter } from '../../src/store/redis.js';
import { SqliteAdapter } from '../../src/store/sqlite.js';
import { liveKeys } from './live-keys.js';
import { freePort } from '../e2e/harness.js';
import { connectRedis } from './redis.js';

const folders: string[] = [];
const tempFile = () => {
  const folder = mkdtempSync(join(tmpdir(), 'lrr-kv-'));
  folders.push(folder);
  return join(folder, 'kv.sqlite');
};

interface Backend {
  name: string;
  /** A backend with a clock the test moves (memory and SQLite), or real time (Redis). */
  make(now: () => number): Promise<ClaimableAdapter>;
  realTime: boolean;
}

const opened: ClaimableAdapter[] = [];
const backends: Backend[] = [
  { name: 'memory', realTime: false, make: (now) => Promise.resolve(new MemoryAdapter(now)) },
  { name: 'sqlite', realTime: false, make: (now) => Promise.resolve(new SqliteAdapter(tempFile(), now)) },
  {
    name: 'redis',
    realTime: true,
    make: () => connectRedis('kvtest'),
  },
];

afterAll(async () => {
  for (const adapter of opened) await adapter.disconnect();
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

describe.each(backends)('the $name backend', (backend) => {
  const setup = async () => {
    let clock = 1_000_000;
    const now = () => (backend.realTime ? Date.now() : clock);
    const adapter = await backend.make(now);
    opened.push(adapter);
    const kv = new Kv(adapter);
    const advance = async (ms: number) => {
      if (backend.realTime) await new Promise((resolve) => setTimeout(resolve, ms));
      else clock += ms;
    };
    return { kv, adapter, advance };
  };

  it('gets, sets and deletes through keyv', async () => {
    const { kv } = await setup();
    expect(await kv.get('a')).toBeUndefined();
    await kv.set('a', { n: 1, s: 'ü' }, 60_000);
    expect(await kv.get('a')).toEqual({ n: 1, s: 'ü' });
    await kv.delete('a');
    expect(await kv.get('a')).toBeUndefined();
  });

  it('claims a key once: the second claim fails while the first lives', async () => {
    const { kv } = await setup();
    expect(await kv.claim('order:x', { owner: 1 }, 60_000)).toBe(true);
    expect(await kv.claim('order:x', { owner: 2 }, 60_000)).toBe(false);
    expect(await kv.get('order:x')).toEqual({ owner: 1 });
  });

  it('claims several keys in one write, each with its own expiry, or nothing when one is held', async () => {
    const { kv, advance } = await setup();
    expect(await kv.claim('slot:b', 'taken', 60)).toBe(true);
    const entries = [
      { key: 'order:m', value: { owner: 1 }, ttlMs: 60_000 },
      { key: 'slot:b', value: 'mine', ttlMs: 60_000 },
      { key: 'slot:c', value: 'mine', ttlMs: 60 },
    ];
    // The second key is held: not even the first is written.
    expect(await kv.claimAll(entries)).toBe(false);
    for (const key of ['order:m', 'slot:c']) expect(await kv.get(key)).toBeUndefined();
    expect(await kv.get('slot:b')).toBe('taken');
    // Once it has expired, every key is written, each with its own expiry.
    await advance(200);
    expect(await kv.claimAll(entries)).toBe(true);
    expect(await kv.get('order:m')).toEqual({ owner: 1 });
    expect(await kv.get('slot:b')).toBe('mine');
    expect(await kv.claimAll([{ key: 'order:m', value: { owner: 2 }, ttlMs: 60_000 }])).toBe(false);
    await advance(200);
    expect(await kv.get('slot:c')).toBeUndefined();
    expect(await kv.get('slot:b')).toBe('mine');
  });

  it('lets exactly one of many concurrent claims of the same keys win', async () => {
    const { kv } = await setup();
    const results = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        kv.claimAll([
          { key: `race:${i}`, value: i, ttlMs: 60_000 },
          { key: 'race:shared', value: i, ttlMs: 60_000 },
        ]),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    const winner = results.indexOf(true);
    expect(await kv.get('race:shared')).toBe(winner);
    expect((await liveKeys(kv, 'race:')).sort()).toEqual([`race:${winner}`, 'race:shared'].sort());
  });

  it('lets exactly one of many concurrent claims win', async () => {
    const { kv } = await setup();
    const results = await Promise.all(Array.from({ length: 25 }, (_, i) => kv.claim('race', i, 60_000)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('expires values and claims, and a claim succeeds again after expiry', async () => {
    const { kv, advance } = await setup();
    await kv.set('short', 'v', 60);
    expect(await kv.claim('lease', 'first', 60)).toBe(true);
    await advance(200);
    expect(await kv.get('short')).toBeUndefined();
    expect(await kv.claim('lease', 'second', 60_000)).toBe(true);
    expect(await kv.get('lease')).toBe('second');
  });

  it('scans live entries by prefix', async () => {
    const { kv, advance } = await setup();
    await kv.set('open:a', 'a', 60_000);
    await kv.set('open:b', 'b', 60);
    await kv.set('other:c', 'c', 60_000);
    await advance(200);
    const found: string[] = [];
    for await (const [, value] of kv.scan<string>('open:')) found.push(value);
    expect(found).toEqual(['a']);
  });
});

describe('the SQLite backend on disk', () => {
  it('keeps records across a restart, and claims are atomic between two processes sharing the file', async () => {
    const file = tempFile();
    const first = new Kv(new SqliteAdapter(file));
    await first.set('order:k', { state: 'placed' }, 60_000);
    const second = new Kv(new SqliteAdapter(file));
    expect(await first.claim('lease:k', 1, 60_000)).toBe(true);
    expect(await second.claim('lease:k', 2, 60_000)).toBe(false);
    expect(
      await second.claimAll([
        { key: 'lease:j', value: 2, ttlMs: 60_000 },
        { key: 'lease:k', value: 2, ttlMs: 60_000 },
      ]),
    ).toBe(false);
    expect(await first.claimAll([{ key: 'lease:j', value: 1, ttlMs: 60_000 }])).toBe(true);
    await first.close();
    const reopened = new Kv(new SqliteAdapter(file));
    expect(await reopened.get('order:k')).toEqual({ state: 'placed' });
    await second.close();
    await reopened.close();
  });

  it('purges expired rows, so the file does not grow with history', async () => {
    let clock = 0;
    const adapter = new SqliteAdapter(tempFile(), () => clock);
    const kv = new Kv(adapter);
    for (let i = 0; i < 50; i++) await kv.set(`order:${i}`, i, 1000);
    await kv.set('member-token:1', 'kept', 0);
    expect(adapter.purge()).toBe(0);
    clock = 5000;
    expect(adapter.purge()).toBe(50);
    expect(adapter.purge()).toBe(0);
    expect(await kv.get('member-token:1')).toBe('kept');
    await kv.close();
  });
});

describe('failing closed', () => {
  it('turns every Redis failure into a storage_unavailable refusal', async () => {
    // A port that was free a moment ago: nothing listens there.
    const port = await freePort();
    const adapter = new RedisAdapter(`redis://127.0.0.1:${port}`);
    adapter.connect().catch(() => undefined);
    const kv = new Kv(adapter);
    const refusal = (promise: Promise<unknown>) =>
      expect(promise).rejects.toSatisfy(
        (error) => error instanceof RefusalError && error.refusal.kind === 'storage_unavailable',
      );
    await refusal(kv.claim('order:x', 1, 1000));
    await refusal(kv.get('order:x'));
    await refusal(kv.set('order:x', 1, 1000));
    await kv.close();
  });

  it('turns a closed SQLite database into a storage_unavailable refusal', async () => {
    const adapter = new SqliteAdapter(tempFile());
    const kv = new Kv(adapter);
    await adapter.disconnect();
    await expect(kv.claim('order:x', 1, 1000)).rejects.toBeInstanceOf(RefusalError);
  });
});
