import type { Clock } from '../clock.js';
import { RefusalError } from '../errors.js';
import type { Kv } from '../store/kv.js';

export interface BudgetOptions {
  perMinute: number;
  maxConcurrent: number;
  /** How long an order may wait for a free slot before the user is asked to try again later. */
  maxWaitMs: number;
}

const WINDOW_MS = 60_000;
/** A concurrency slot held by a crashed instance frees itself after this long. */
const INFLIGHT_TTL_MS = 120_000;

/**
 * The LeuwongRR token's budget, shared by every user of the bot and, through the key-value
 * store, by every instance. There are `perMinute` rate slots; a request claims a free one
 * atomically and holds it for 60 s, so no 60-second window ever holds more than `perMinute`
 * requests, whatever the number of instances. Likewise `maxConcurrent` in-flight slots, held
 * for the duration of the call. A 429 from the store pauses everyone until its Retry-After.
 */
export class OrderBudget {
  private rateCursor = 0;
  private inflightCursor = 0;

  constructor(
    private readonly kv: Kv,
    private readonly clock: Clock,
    private readonly options: BudgetOptions,
  ) {}

  /** Waits for a slot (up to maxWaitMs); returns its release function, or throws a `budget` refusal. */
  async acquire(): Promise<() => Promise<void>> {
    const giveUpAt = this.clock.now() + this.options.maxWaitMs;
    for (;;) {
      const now = this.clock.now();
      const pausedUntil = (await this.kv.get<number>('budget:paused')) ?? 0;
      let retryAt: number;
      if (pausedUntil > now) {
        retryAt = pausedUntil;
      } else {
        const release = await this.takeInflightSlot(now);
        if (release) {
          const rate = await this.takeRateSlot(now);
          if (rate === true) return release;
          await release();
          retryAt = rate;
        } else {
          retryAt = now + 25;
        }
      }
      if (retryAt > giveUpAt) {
        throw new RefusalError({
          kind: 'budget',
          retryAfterSeconds: Math.max(1, Math.ceil((retryAt - now) / 1000)),
        });
      }
      await this.clock.sleep(Math.max(10, retryAt - now));
    }
  }

  /** For a retry of a call that already holds an in-flight slot: waits for a rate slot only. */
  async acquireRetry(): Promise<void> {
    const giveUpAt = this.clock.now() + this.options.maxWaitMs;
    for (;;) {
      const now = this.clock.now();
      const pausedUntil = (await this.kv.get<number>('budget:paused')) ?? 0;
      const retryAt = pausedUntil > now ? pausedUntil : await this.takeRateSlot(now);
      if (retryAt === true) return;
      if (retryAt > giveUpAt) {
        throw new RefusalError({
          kind: 'budget',
          retryAfterSeconds: Math.max(1, Math.ceil((retryAt - now) / 1000)),
        });
      }
      await this.clock.sleep(Math.max(10, retryAt - now));
    }
  }

  /** A 429 from the store: nobody calls create-order until it has passed. */
  async pause(seconds: number): Promise<void> {
    const until = this.clock.now() + seconds * 1000;
    const current = (await this.kv.get<number>('budget:paused')) ?? 0;
    if (until > current) await this.kv.set('budget:paused', until, seconds * 1000);
  }

  /** True, or the time at which the oldest rate slot frees up. */
  private async takeRateSlot(now: number): Promise<true | number> {
    const slots = this.options.perMinute;
    for (let tried = 0; tried < slots; tried++) {
      const slot = (this.rateCursor + tried) % slots;
      if (await this.kv.claim(`budget:rate:${slot}`, now, WINDOW_MS)) {
        this.rateCursor = (slot + 1) % slots;
        return true;
      }
    }
    let oldest = Number.POSITIVE_INFINITY;
    for (let slot = 0; slot < slots; slot++) {
      const takenAt = await this.kv.get<number>(`budget:rate:${slot}`);
      oldest = Math.min(oldest, takenAt ?? now - WINDOW_MS);
    }
    return oldest + WINDOW_MS + 5;
  }

  private async takeInflightSlot(now: number): Promise<(() => Promise<void>) | undefined> {
    const slots = this.options.maxConcurrent;
    // Start where the last free slot was found: with many slots in use, probing from 0 every
    // time would cost one claim per busy slot.
    for (let tried = 0; tried < slots; tried++) {
      const slot = (this.inflightCursor + tried) % slots;
      const key = `budget:inflight:${slot}`;
      if (await this.kv.claim(key, now, INFLIGHT_TTL_MS)) {
        this.inflightCursor = (slot + 1) % slots;
        return async () => {
          await this.kv.delete(key);
        };
      }
    }
    return undefined;
  }
}
