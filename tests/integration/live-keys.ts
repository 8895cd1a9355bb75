import type { Kv } from '../../src/store/kv.js';

/** The keys of the live entries whose key starts with `prefix`, in the backend's scan order. */
export async function liveKeys(kv: Kv, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const [key] of kv.scan(prefix)) keys.push(key);
  return keys;
}
