/**
 * The bot's key-value store.
 *
 * keyv serves the plain operations (get, set with a TTL, delete) on one of three backends chosen
 * by STORE_URL: SQLite (the embedded default), Redis (several instances sharing one state) or
 * memory (tests). keyv has no atomic "write only if absent", and the bot's guarantees rest on one:
 * a second submit, a second instance, the retry button and recovery must all find the record the
 * first one wrote, never write their own. So each backend is a ClaimableAdapter (adapter.ts): a
 * keyv adapter that adds `claimAll` (a SQLite transaction of conditional inserts, a Redis script,
 * a check-and-set in memory) and a prefix `scan` (the recovery index, the budget's slots).
 *
 * Every failure of the backend surfaces as a `storage_unavailable` refusal, so the order flow
 * fails closed: no order is placed without its record.
 */
import Keyv, { type Deserialize } from 'keyv';
import type { Logger } from 'pino';
import { RefusalError } from '../errors.js';
import type { ClaimableAdapter, RawEntry } from './adapter.js';
import { MemoryAdapter } from './memory.js';

/** A value to store under a key for `ttlMs`. */
export interface KvEntry {
  key: string;
  value: unknown;
  ttlMs: number;
}

/** keyv's envelope. Claims leave the expiry to the backend (a column, PX, a map entry), as keyv's set does. */
interface Stored<T> {
  value: T;
  expires: number | undefined;
}

const serialize = (entry: KvEntry): RawEntry => ({
  key: entry.key,
  value: JSON.stringify({ value: entry.value, expires: undefined } satisfies Stored<unknown>),
  ttlMs: entry.ttlMs,
});

export class Kv {
  private readonly keyv: Keyv;

  constructor(private readonly adapter: ClaimableAdapter) {
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

  /** Stores a value for `ttlMs`; 0 keeps it until it is deleted. */
  async set(key: string, value: unknown, ttlMs: number): Promise<void> {
    await this.guard(() => this.keyv.set(key, value, ttlMs));
  }

  async delete(key: string): Promise<void> {
    await this.guard(() => this.keyv.delete(key));
  }

  /** Stores the value only if the key is absent or expired: true when this caller stored it. */
  claim(key: string, value: unknown, ttlMs: number): Promise<boolean> {
    return this.claimAll([{ key, value, ttlMs }]);
  }

  /** Stores every entry if none of their keys is held, in one atomic step, or nothing. */
  claimAll(entries: readonly KvEntry[]): Promise<boolean> {
    return this.guard(() => this.adapter.claimAll(entries.map(serialize)));
  }

  /** The live entries whose key starts with `prefix`, read at once. */
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

  async close(): Promise<void> {
    await this.adapter.disconnect();
  }
}

/** How long the bot waits for Redis at start before it starts anyway (orders are refused meanwhile). */
const REDIS_START_WAIT_MS = 5_000;
/** At most one Redis connection error a period in the log: the client retries every few seconds. */
const REDIS_ERROR_LOG_MS = 10_000;

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
      if (Date.now() - lastLogged < REDIS_ERROR_LOG_MS) return;
      lastLogged = Date.now();
      logger.error({ err: error }, 'Redis connection error');
    });
    const connected = adapter.connect().then(
      () => true,
      () => false,
    );
    const timeout = new Promise<false>((resolve) => setTimeout(resolve, REDIS_START_WAIT_MS, false).unref());
    if (!(await Promise.race([connected, timeout]))) {
      logger.error('Redis is unreachable at start; orders are refused until it answers');
    }
    return new Kv(adapter);
  }
  throw new Error(`unsupported STORE_URL ${storeUrl}`);
}
