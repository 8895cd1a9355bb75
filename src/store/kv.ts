import Keyv, { type Deserialize } from 'keyv';
import type { Logger } from 'pino';
import { RefusalError } from '../errors.js';
import type { ClaimableAdapter } from './adapter.js';
import { MemoryAdapter } from './memory.js';

interface Stored<T> {
  value: T;
  expires: number | undefined;
}

/** A value to store under a key for `ttlMs`. */
export interface KvEntry {
  key: string;
  value: unknown;
  ttlMs: number;
}

// Claims and batches leave the expiry to the backend (SQLite column, Redis PX, memory map), as set
// does through keyv.
const serialize = (value: unknown) => JSON.stringify({ value, expires: undefined } satisfies Stored<unknown>);
const serializeEntry = (entry: KvEntry) => ({
  key: entry.key,
  value: serialize(entry.value),
  ttlMs: entry.ttlMs,
});

/**
 * The bot's key-value layer: keyv for get/set/delete, plus the backend's own atomic
 * claim-if-absent. Every failure of the backend surfaces as a `storage_unavailable`
 * refusal, so the order flow fails closed (no order is placed without its record).
 */
export class Kv {
  readonly keyv: Keyv;

  constructor(readonly adapter: ClaimableAdapter) {
    this.keyv = new Keyv({
      store: adapter,
      useKeyPrefix: false,
      throwOnErrors: true,
      serialize: (data) => JSON.stringify(data),
      deserialize: ((data: string) => JSON.parse(data) as unknown) as Deserialize,
    });
  }

  private async guard<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (cause) {
      throw Object.assign(new RefusalError({ kind: 'storage_unavailable' }), { cause });
    }
  }

  get<T>(key: string): Promise<T | undefined> {
    return this.guard(() => this.keyv.get<T>(key));
  }

  async set(key: string, value: unknown, ttlMs: number): Promise<void> {
    await this.guard(() => this.keyv.set(key, value, ttlMs));
  }

  async delete(key: string): Promise<void> {
    await this.guard(() => this.keyv.delete(key));
  }

  /**
   * True when this caller stored the value (the key was absent or expired); only then are the
   * companions stored too, in the same transaction where the backend has one (SQLite).
   */
  claim(key: string, value: unknown, ttlMs: number, companions: readonly KvEntry[] = []): Promise<boolean> {
    return this.guard(() => this.adapter.claim(key, serialize(value), ttlMs, companions.map(serializeEntry)));
  }

  /**
   * Stores every claim (each only if its key is absent or expired) and the companions, in one
   * atomic write, or nothing: -1 when this caller got every claim, else the index of the first held.
   */
  claimAll(claims: readonly KvEntry[], companions: readonly KvEntry[] = []): Promise<number> {
    return this.guard(() =>
      this.adapter.claimAll(claims.map(serializeEntry), companions.map(serializeEntry)),
    );
  }

  /** Stores `sets` and removes `deletes` in one write (one transaction in SQLite, one MULTI in Redis). */
  async batch(sets: readonly KvEntry[], deletes: readonly string[]): Promise<void> {
    await this.guard(() => this.adapter.batch(sets.map(serializeEntry), deletes));
  }

  async *scan<T>(prefix: string): AsyncIterable<[string, T]> {
    const entries: [string, string][] = [];
    await this.guard(async () => {
      for await (const entry of this.adapter.scan(prefix)) entries.push(entry);
    });
    for (const [key, raw] of entries) {
      try {
        const stored = JSON.parse(raw) as Stored<T>;
        if (stored.expires === undefined || stored.expires > Date.now()) yield [key, stored.value];
      } catch {
        // A value this version cannot read: skip it.
      }
    }
  }

  ping(): Promise<void> {
    return this.adapter.ping();
  }

  /** The backend's housekeeping, for a moment when the bot is idle (see ClaimableAdapter.maintain). */
  maintain(): void {
    this.adapter.maintain();
  }

  async close(): Promise<void> {
    await this.adapter.disconnect();
  }
}

/** Opens the backend named by STORE_URL: `sqlite:<path>`, `redis://…` / `rediss://…`, or `memory:`. */
export async function openKv(storeUrl: string, logger: Logger): Promise<Kv> {
  if (storeUrl === 'memory:') return new Kv(new MemoryAdapter());
  // Each backend's driver is loaded only when it is the one configured.
  if (storeUrl.startsWith('sqlite:')) {
    const { SqliteAdapter } = await import('./sqlite.js');
    return new Kv(new SqliteAdapter(storeUrl.slice('sqlite:'.length)));
  }
  if (storeUrl.startsWith('redis://') || storeUrl.startsWith('rediss://')) {
    const { RedisAdapter } = await import('./redis.js');
    let lastLogged = 0;
    const adapter = new RedisAdapter(storeUrl, 'lrr:', (error) => {
      if (Date.now() - lastLogged > 10_000) {
        lastLogged = Date.now();
        logger.error({ err: error }, 'Redis connection error');
      }
    });
    // The client keeps reconnecting in the background; the bot must not wait for it forever.
    const connected = adapter.connect().then(
      () => true,
      () => false,
    );
    const timeout = new Promise<false>((resolve) => setTimeout(resolve, 5_000, false).unref());
    if (!(await Promise.race([connected, timeout]))) {
      logger.error('Redis is unreachable at start; orders are refused until it answers');
    }
    return new Kv(adapter);
  }
  throw new Error(`unsupported STORE_URL ${storeUrl}`);
}
