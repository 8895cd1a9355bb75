import { EventEmitter } from 'node:events';

/** A serialized value to store under a key for `ttlMs`. */
export interface RawEntry {
  key: string;
  value: string;
  ttlMs: number;
}

/**
 * A keyv storage adapter (get, set, delete, clear) that also offers what keyv itself does not: an
 * atomic claim-if-absent with an expiry, a prefix scan and a health check. Values arrive already
 * serialized (`{"value":…,"expires":…}`), so every backend stores plain strings.
 */
export abstract class ClaimableAdapter extends EventEmitter {
  opts: Record<string, unknown> = {};
  namespace?: string | undefined;

  abstract get(key: string): Promise<string | undefined>;
  abstract set(key: string, value: string, ttl?: number): Promise<boolean>;
  abstract delete(key: string): Promise<boolean>;
  abstract clear(): Promise<void>;
  /**
   * Stores every entry, each for its own TTL, if none of their keys is held (present and not
   * expired), in one atomic step (a SQLite transaction, a Redis script); otherwise stores nothing.
   * True when this caller stored them.
   */
  abstract claimAll(entries: readonly RawEntry[]): Promise<boolean>;
  /** Live (unexpired) entries whose key starts with the prefix. */
  abstract scan(prefix: string): AsyncIterable<[key: string, value: string]>;
  abstract ping(): Promise<void>;
  abstract disconnect(): Promise<void>;
}
