import { createClient } from '@redis/client';
import { ClaimableAdapter, type RawEntry } from './adapter.js';

type RedisClient = ReturnType<typeof createClient>;

/** A TTL as Redis takes it: whole milliseconds, at least one. */
const px = (ttlMs: number) => Math.max(1, Math.ceil(ttlMs));

/**
 * claimAll in one step on the server: the first ARGV[1] keys are claims, the rest companions;
 * ARGV[2i], ARGV[2i+1] are the value and TTL (ms) of KEYS[i]. Returns the 0-based index of the
 * first claim whose key exists (nothing written), or -1 once every key is set.
 */
const CLAIM_ALL = `
for i = 1, tonumber(ARGV[1]) do
  if redis.call('EXISTS', KEYS[i]) == 1 then return i - 1 end
end
for i = 1, #KEYS do
  redis.call('SET', KEYS[i], ARGV[2 * i], 'PX', ARGV[2 * i + 1])
end
return -1`;

/**
 * Redis, for several bot instances sharing one state. A claim is `SET key value NX PX ttl`;
 * several claims together (and their companions) are one Lua script, atomic on the server.
 * The offline queue is off: when Redis is unreachable a command fails at once, so the order
 * flow fails closed instead of waiting.
 */
export class RedisAdapter extends ClaimableAdapter {
  private readonly client: RedisClient;
  private readonly prefix: string;
  private connecting: Promise<unknown> | undefined;

  constructor(url: string, prefix = 'lrr:', onError?: (error: unknown) => void) {
    super();
    this.prefix = prefix;
    this.client = createClient({
      url,
      disableOfflineQueue: true,
      socket: {
        connectTimeout: 5_000,
        reconnectStrategy: (retries) => Math.min(200 * 2 ** retries, 5_000),
      },
    });
    this.client.on('error', (error: unknown) => {
      onError?.(error);
    });
  }

  async connect(): Promise<void> {
    this.connecting ??= this.client.connect();
    await this.connecting;
  }

  private k(key: string): string {
    return this.prefix + key;
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.client.get(this.k(key))) ?? undefined;
  }

  async set(key: string, value: string, ttl?: number): Promise<boolean> {
    await (ttl === undefined
      ? this.client.set(this.k(key), value)
      : this.client.set(this.k(key), value, {
          expiration: { type: 'PX', value: px(ttl) },
        }));
    return true;
  }

  async delete(key: string): Promise<boolean> {
    return (await this.client.del(this.k(key))) > 0;
  }

  async clear(): Promise<void> {
    for await (const keys of this.client.scanIterator({ MATCH: `${this.prefix}*`, COUNT: 500 })) {
      if (keys.length > 0) await this.client.del(keys);
    }
  }

  async claimAll(claims: readonly RawEntry[], companions: readonly RawEntry[] = []): Promise<number> {
    const [only] = claims;
    if (only && claims.length === 1 && companions.length === 0) {
      const result = await this.client.set(this.k(only.key), only.value, {
        condition: 'NX',
        expiration: { type: 'PX', value: px(only.ttlMs) },
      });
      return result === 'OK' ? -1 : 0;
    }
    const entries = [...claims, ...companions];
    const reply = await this.client.eval(CLAIM_ALL, {
      keys: entries.map((entry) => this.k(entry.key)),
      arguments: [
        String(claims.length),
        ...entries.flatMap((entry) => [entry.value, String(px(entry.ttlMs))]),
      ],
    });
    if (typeof reply !== 'number')
      throw new Error(`unexpected reply to the claim script: ${JSON.stringify(reply)}`);
    return reply;
  }

  async batch(sets: readonly RawEntry[], deletes: readonly string[]): Promise<void> {
    const multi = this.client.multi();
    for (const s of sets) {
      multi.set(this.k(s.key), s.value, {
        expiration: { type: 'PX', value: px(s.ttlMs) },
      });
    }
    if (deletes.length > 0) multi.del(deletes.map((key) => this.k(key)));
    await multi.exec();
  }

  async *scan(prefix: string): AsyncIterable<[string, string]> {
    for await (const keys of this.client.scanIterator({ MATCH: `${this.k(prefix)}*`, COUNT: 500 })) {
      if (keys.length === 0) continue;
      const values = await this.client.mGet(keys);
      for (const [index, fullKey] of keys.entries()) {
        const value = values[index];
        if (typeof value === 'string') yield [fullKey.slice(this.prefix.length), value];
      }
    }
  }

  async ping(): Promise<void> {
    await this.client.ping();
  }

  async size(): Promise<number> {
    let count = 0;
    for await (const keys of this.client.scanIterator({ MATCH: `${this.prefix}*`, COUNT: 500 }))
      count += keys.length;
    return count;
  }

  async disconnect(): Promise<void> {
    // Ready: let pending replies arrive. Still (re)connecting: stop trying at once.
    if (this.client.isReady) await this.client.close();
    else if (this.client.isOpen) this.client.destroy();
  }
}
