import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { ClaimableAdapter, type RawEntry } from './adapter.js';

/** How often expired rows are deleted, so the file does not grow with history. */
const PURGE_INTERVAL_MS = 60_000;

/**
 * The embedded default: one SQLite file in WAL mode, no server. A claim is an
 * `INSERT … ON CONFLICT DO UPDATE … WHERE expired`, and several claims are one transaction, atomic
 * even across processes sharing the file.
 */
export class SqliteAdapter extends ClaimableAdapter {
  private readonly db: Database.Database;
  private readonly statements;
  private readonly claimInTransaction: (entries: readonly RawEntry[], now: number) => boolean;
  private readonly purgeTimer: NodeJS.Timeout;

  constructor(
    path: string,
    private readonly now: () => number = Date.now,
  ) {
    super();
    if (path !== ':memory:') prepareFiles(path);
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    // SQLite's own default page cache (2 MB): better-sqlite3's 16 MB fills as records accumulate and
    // adds as much to the bot's memory (bench: RSS after 10,000 orders).
    this.db.pragma('cache_size = -2000');
    this.db.exec(
      'CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, value TEXT NOT NULL, expires INTEGER);' +
        'CREATE INDEX IF NOT EXISTS kv_expires ON kv (expires) WHERE expires IS NOT NULL;',
    );
    this.statements = {
      get: this.db.prepare<[string, number], { value: string }>(
        'SELECT value FROM kv WHERE key = ? AND (expires IS NULL OR expires > ?)',
      ),
      set: this.db.prepare<[string, string, number | null]>(
        'INSERT INTO kv (key, value, expires) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires = excluded.expires',
      ),
      claim: this.db.prepare<[string, string, number, number]>(
        'INSERT INTO kv (key, value, expires) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires = excluded.expires WHERE kv.expires IS NOT NULL AND kv.expires <= ?',
      ),
      delete: this.db.prepare<[string]>('DELETE FROM kv WHERE key = ?'),
      clear: this.db.prepare('DELETE FROM kv'),
      scan: this.db.prepare<[string, string, number], { key: string; value: string }>(
        'SELECT key, value FROM kv WHERE key >= ? AND key < ? AND (expires IS NULL OR expires > ?) ORDER BY key',
      ),
      purge: this.db.prepare<[number]>('DELETE FROM kv WHERE expires IS NOT NULL AND expires <= ?'),
      ping: this.db.prepare('SELECT 1'),
    };
    const claimAll = this.db.transaction((entries: readonly RawEntry[], now: number) => {
      for (const entry of entries) {
        // Throwing rolls back the claims this transaction already made.
        if (this.statements.claim.run(entry.key, entry.value, now + entry.ttlMs, now).changes !== 1)
          throw new HeldError();
      }
    });
    this.claimInTransaction = (entries, now) => {
      try {
        claimAll(entries, now);
        return true;
      } catch (error) {
        if (error instanceof HeldError) return false;
        throw error;
      }
    };
    this.purgeTimer = setInterval(() => {
      this.purge();
    }, PURGE_INTERVAL_MS);
    this.purgeTimer.unref();
  }

  get(key: string): Promise<string | undefined> {
    return Promise.resolve(this.statements.get.get(key, this.now())?.value);
  }

  set(key: string, value: string, ttl?: number): Promise<boolean> {
    this.statements.set.run(key, value, ttl === undefined ? null : this.now() + ttl);
    return Promise.resolve(true);
  }

  delete(key: string): Promise<boolean> {
    return Promise.resolve(this.statements.delete.run(key).changes > 0);
  }

  clear(): Promise<void> {
    this.statements.clear.run();
    return Promise.resolve();
  }

  claimAll(entries: readonly RawEntry[]): Promise<boolean> {
    return Promise.resolve(this.claimInTransaction(entries, this.now()));
  }

  async *scan(prefix: string): AsyncIterable<[string, string]> {
    const rows = this.statements.scan.all(prefix, `${prefix}\uffff`, this.now());
    for (const row of rows) yield await Promise.resolve([row.key, row.value] as [string, string]);
  }

  ping(): Promise<void> {
    this.statements.ping.get();
    return Promise.resolve();
  }

  /** Deletes the expired rows; returns how many. */
  purge(): number {
    return this.statements.purge.run(this.now()).changes;
  }

  disconnect(): Promise<void> {
    clearInterval(this.purgeTimer);
    if (this.db.open) this.db.close();
    return Promise.resolve();
  }
}

/** Owner-only modes: the file holds sealed member tokens and live interaction tokens. */
const DIR_MODE = 0o700;
const FILE_MODE = 0o600;

/**
 * Makes the database readable by the bot's user only. A directory the bot creates is 0700; an
 * existing one (`data/`, a Docker volume) is the operator's and is left as it is. The database file
 * is created 0600 before SQLite opens it (SQLite would create it 0644 whatever the umask), and an
 * existing one, with its -wal and -shm, is set to 0600: they are the bot's own files. SQLite
 * creates -wal and -shm with the database file's mode.
 */
function prepareFiles(path: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: DIR_MODE });
  if (!existsSync(path)) closeSync(openSync(path, 'a', FILE_MODE));
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    if (existsSync(file)) chmodSync(file, FILE_MODE);
  }
}

/** Thrown inside the claim transaction when a key is held, to roll it back. */
class HeldError extends Error {}
