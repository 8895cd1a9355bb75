import { RedisAdapter } from '../../src/store/redis.js';

/** A real Redis (the CI script starts one when none answers); database 15 is the integration tests'. */
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/15';

/** A connected adapter on REDIS_URL under a prefix of its own, so tests never see each other's keys. */
export async function connectRedis(name: string): Promise<RedisAdapter> {
  const adapter = new RedisAdapter(REDIS_URL, `${name}:${String(Math.random()).slice(2)}:`);
  await adapter.connect();
  return adapter;
}
