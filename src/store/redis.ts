import { createClient } from '@redis/client';
import { ClaimableAdapter, type RawEntry } from './adapter.js';

type RedisClient = ReturnType<typeof createClient>;

/** A TTL as Redis takes it: whole milliseconds, at least one. */
const px = (ttlMs: number) => Math.max(1, Math.ceil(ttlMs));

/**
 * claimAll on the server, in one step: nothing is written if any of KEYS exists; otherwise each
 * KEYS[i] is set to ARGV[2i-1] for ARGV[2i] milliseconds. Returns 1 when written, 0 when not.
 */
const CLAIM_ALL = `
for i = 1, #KEYS do
  if redis.call('EXISTS', KEYS[i]) == 1 then return 0 end
end
for i = 1, #KEYS do
  redis.call('SET', KEYS[i], ARGV[2 * i - 1], 'PX', ARGV[2 * i])
end
return 1`;

/**
 * Redis, for several bot instances sharing one state. A claim is `SET key value NX PX ttl`;
 * several claims together are one Lua script, atomic on the server. The offline queue is off:
 * while Redis is unreachable a command fails at once, so the order flow fails closed instead of
 * waiting.
 */
export class RedisAdapter extends ClaimableAdapter {
  private readonly client: RedisClient;
  private connecting: Promise<unknown> | undefined;

  constructor(
    url: string,
    private readonly prefix = 'lrr:',
    onError?: (error: unknown) => void,
  ) {
    super();
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
      : this.client.set(this.k(key), value, { expiration: { type: 'PX', value: px(ttl) } }));
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

  async claimAll(entries: readonly RawEntry[]): Promise<boolean> {
    const [only] = entries;
    if (only && entries.length === 1) {
      const result = await this.client.set(this.k(only.key), only.value, {
        condition: 'NX',
        expiration: { type: 'PX', value: px(only.ttlMs) },
      });
      return result === 'OK';
    }
    const reply = await this.client.eval(CLAIM_ALL, {
      keys: entries.map((entry) => this.k(entry.key)),
      arguments: entries.flatMap((entry) => [entry.value, String(px(entry.ttlMs))]),
    });
    if (reply !== 0 && reply !== 1)
      throw new Error(`unexpected reply to the claim script: ${JSON.stringify(reply)}`);
    return reply === 1;
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

  async disconnect(): Promise<void> {
    // Ready: let pending replies arrive. Still (re)connecting: stop trying at once.
    if (this.client.isReady) await this.client.close();
    else if (this.client.isOpen) this.client.destroy();
  }
}
