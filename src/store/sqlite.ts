import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { ClaimableAdapter, type RawEntry } from './adapter.js';

/**
 * The WAL length, in pages, at which SQLite checkpoints by itself, inside the write that reached
 * it. The bot checkpoints while it is idle (`maintain`), so this is a bound, not the rhythm: above
 * the 7,500–9,000 pages a burst of 500 orders writes (15–18 per order, measured), so no
 * checkpoint stalls a burst, and the WAL file stays under about 40 MB.
 */
export const WAL_AUTOCHECKPOINT_PAGES = 10_000;

/** A claim of claimAll found its key held: thrown inside the transaction to roll it back. */
class Held extends Error {
  constructor(readonly index: number) {
    super(`claim ${index} is held`);
  }
}

/**
 * The embedded default: one SQLite file (WAL mode), no server. A claim is a single
 * `INSERT … ON CONFLICT DO UPDATE … WHERE expired` statement, atomic even across processes
 * sharing the file; several claims together are one transaction.
 */
export class SqliteAdapter extends ClaimableAdapter {
  private readonly db: Database.Database;
  private readonly statements;
  private readonly purgeTimer: NodeJS.Timeout;
  private readonly writeBatch: (sets: readonly RawEntry[], deletes: readonly string[], now: number) => void;
  private readonly claimTogether: (
    claims: readonly RawEntry[],
    companions: readonly RawEntry[],
    now: number,
  ) => number;

  constructor(
    path: string,
    private readonly now: () => number = Date.now,
  ) {
    super();
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    // A checkpoint copies the WAL into the database and syncs both: 20 ms and more for SQLite's
    // default of 1,000 pages, which 55–65 orders write. Made inside a write, it stalled the event loop
    // in the middle of bursts, and every interaction that arrived meanwhile waited for it.
    this.db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
    // better-sqlite3 builds SQLite with a 16 MB page cache, which fills as the records accumulate
    // (the bot's resident memory grew by 14 MB over 10,000 orders). The bot reads back only recent
    // records; SQLite's own default of 2 MB keeps them, and the OS page cache keeps the rest.
    this.db.pragma('cache_size = -2000');
    this.db.exec(
      // A rowid table: order records (1-2 KB of JSON) fit in its pages, where a WITHOUT ROWID
      // table would spill them to overflow pages.
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
      count: this.db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM kv'),
    };
    // One transaction each, so one WAL commit: claims and their companions; a batch.
    const write = (sets: readonly RawEntry[], deletes: readonly string[], now: number) => {
      for (const s of sets) this.statements.set.run(s.key, s.value, now + s.ttlMs);
      for (const key of deletes) this.statements.delete.run(key);
    };
    const claimTogether = this.db.transaction(
      (claims: readonly RawEntry[], companions: readonly RawEntry[], now: number) => {
        for (const [index, c] of claims.entries()) {
          // Throwing rolls back the claims already made in this transaction.
          if (this.statements.claim.run(c.key, c.value, now + c.ttlMs, now).changes !== 1)
            throw new Held(index);
        }
        write(companions, [], now);
      },
    );
    this.claimTogether = (claims, companions, now) => {
      try {
        claimTogether(claims, companions, now);
        return -1;
      } catch (error) {
        if (error instanceof Held) return error.index;
        throw error;
      }
    };
    this.writeBatch = this.db.transaction(write);
    this.purgeTimer = setInterval(() => {
      this.purge();
    }, 60_000);
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

  claimAll(claims: readonly RawEntry[], companions: readonly RawEntry[] = []): Promise<number> {
    const now = this.now();
    const [only] = claims;
    if (only && claims.length === 1 && companions.length === 0) {
      // One statement is atomic by itself: no transaction around it.
      return Promise.resolve(
        this.statements.claim.run(only.key, only.value, now + only.ttlMs, now).changes === 1 ? -1 : 0,
      );
    }
    return Promise.resolve(this.claimTogether(claims, companions, now));
  }

  batch(sets: readonly RawEntry[], deletes: readonly string[]): Promise<void> {
    this.writeBatch(sets, deletes, this.now());
    return Promise.resolve();
  }

  async *scan(prefix: string): AsyncIterable<[string, string]> {
    const rows = this.statements.scan.all(prefix, `${prefix}\uffff`, this.now());
    for (const row of rows) yield await Promise.resolve([row.key, row.value] as [string, string]);
  }

  ping(): Promise<void> {
    this.statements.count.get();
    return Promise.resolve();
  }

  size(): Promise<number> {
    return Promise.resolve(this.statements.count.get()?.n ?? 0);
  }

  purge(): number {
    return this.statements.purge.run(this.now()).changes;
  }

  /**
   * Copies into the database what the WAL holds beyond the last checkpoint, never waiting for a
   * lock. SQLite knows whether there is any: with none, it syncs nothing and returns in about
   * 10 µs (measured), so nothing here keeps track of the writes.
   */
  override maintain(): void {
    if (this.db.open) this.db.pragma('wal_checkpoint(PASSIVE)');
  }

  disconnect(): Promise<void> {
    clearInterval(this.purgeTimer);
    if (this.db.open) this.db.close();
    return Promise.resolve();
  }
}
