import { randomBytes } from 'node:crypto';

const DISCORD_EPOCH = 1420070400000n;
let increment = 0n;

/** A fresh, monotonically increasing Discord snowflake (timestamp-based, like the real ones). */
export function snowflake(at: number = Date.now()): string {
  increment = (increment + 1n) & 0xfffn;
  const ms = BigInt(at) - DISCORD_EPOCH;
  return ((ms << 22n) | (1n << 17n) | (increment & 0xfffn)).toString();
}

/** A URL-safe interaction token of about 150 characters, shaped like Discord's (base64 of "interaction:<id>:<random>"). */
export function interactionToken(interactionId: string): string {
  const raw = `interaction:${interactionId}:${randomBytes(80).toString('base64url')}`;
  return Buffer.from(raw).toString('base64url').slice(0, 150);
}

export function sessionId(): string {
  return randomBytes(16).toString('hex');
}
