import { EventEmitter } from 'node:events';

/** A serialized value to store under a key for `ttlMs`: a claim's companion, or one set of a batch. */
export interface RawEntry {
  key: string;
  value: string;
  ttlMs: number;
}

/**
 * A keyv storage adapter that also offers what keyv itself does not: an atomic
 * claim-if-absent with an expiry, a prefix scan, and a health check. Values arrive already
 * serialized by keyv (`{"value":…,"expires":…}`), so every backend stores plain strings.
 */
export abstract class ClaimableAdapter extends EventEmitter {
  opts: Record<string, unknown> = {};
  namespace?: string | undefined;

  abstract get(key: string): Promise<string | undefined>;
  abstract set(key: string, value: string, ttl?: number): Promise<boolean>;
  abstract delete(key: string): Promise<boolean>;
  abstract clear(): Promise<void>;
  /**
   * Stores every one of `claims`, each only if its key is absent or expired, and `companions`
   * with them, all in one atomic write (a SQLite transaction, a Redis script), or nothing at all.
   * Returns -1 when this caller got every claim, else the index of the first one that was held.
   */
  abstract claimAll(claims: readonly RawEntry[], companions?: readonly RawEntry[]): Promise<number>;

  /** One claim (see claimAll): true when this caller got it, and then its companions are stored too. */
  async claim(
    key: string,
    value: string,
    ttlMs: number,
    companions: readonly RawEntry[] = [],
  ): Promise<boolean> {
    return (await this.claimAll([{ key, value, ttlMs }], companions)) === -1;
  }
  /**
   * Stores `sets` and removes `deletes` together: one transaction in SQLite, one MULTI in Redis,
   * one after the other in memory.
   */
  abstract batch(sets: readonly RawEntry[], deletes: readonly string[]): Promise<void>;
  /** Live (unexpired) entries whose key starts with the prefix. */
  abstract scan(prefix: string): AsyncIterable<[key: string, value: string]>;
  abstract ping(): Promise<void>;
  /** Entries stored right now, expired ones not yet purged included (for the benchmark). */
  abstract size(): Promise<number>;
  abstract disconnect(): Promise<void>;
  /**
   * Housekeeping that would stall the event loop if it ran in the middle of a burst, done while
   * the bot is idle instead (SQLite: its WAL checkpoint). Nothing by default.
   */
  maintain(): void {
    // Nothing to do for this backend.
  }
}
