import type { Clock } from '../clock.js';
import { RefusalError } from '../errors.js';
import type { Metrics } from '../metrics.js';
import type { Kv } from '../store/kv.js';
import { secondsUntil, WINDOW_MS } from './time.js';

const slotPrefix = (userId: string) => `share:${userId}:`;

/**
 * ORDERS_PER_USER_PER_MINUTE: how many of the shop token's orders one user may place in any
 * minute, so that one user cannot take the whole shop's budget and others keep their turn. Each
 * user has that many numbered slots, each held 60 s once claimed, shared by instances.
 */
export class UserShare {
  constructor(
    private readonly kv: Kv,
    private readonly clock: Clock,
    private readonly perMinute: number,
    /** Counts the users refused. */
    private readonly metrics?: Pick<Metrics, 'refusals'>,
  ) {}

  /** Takes one of the user's slots and returns its key; refuses with the wait when all are taken. */
  async take(userId: string): Promise<string> {
    const now = this.clock.now();
    for (let slot = 0; slot < this.perMinute; slot++) {
      const key = `${slotPrefix(userId)}${slot}`;
      if (await this.kv.claim(key, now, WINDOW_MS)) return key;
    }
    const freesAt = (await this.oldestTaken(userId, now)) + WINDOW_MS;
    this.metrics?.refusals.inc({ kind: 'user_share' });
    throw new RefusalError({
      kind: 'user_share',
      perMinute: this.perMinute,
      retryAfterSeconds: secondsUntil(freesAt, now),
    });
  }

  /** Gives a slot back: the order that took it sent nothing. */
  async giveBack(key: string): Promise<void> {
    await this.kv.delete(key);
  }

  /** When the oldest of the user's slots was taken (slots beyond perMinute, from a larger setting, aside). */
  private async oldestTaken(userId: string, now: number): Promise<number> {
    const prefix = slotPrefix(userId);
    let oldest = now;
    for await (const [key, takenAt] of this.kv.scan<number>(prefix)) {
      if (Number(key.slice(prefix.length)) < this.perMinute) oldest = Math.min(oldest, takenAt);
    }
    return oldest;
  }
}
