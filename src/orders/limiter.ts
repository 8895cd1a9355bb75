import type { Clock } from '../clock.js';
import { RefusalError } from '../errors.js';
import type { Kv, KvEntry } from '../store/kv.js';

export interface BudgetOptions {
  perMinute: number;
  maxConcurrent: number;
  /** How long an order may wait for a free slot before the user is asked to try again later. */
  maxWaitMs: number;
}

/** Frees an in-flight slot; `together` is written in the same write (the order's outcome). */
export type ReleaseSlot = (together?: readonly KvEntry[]) => Promise<void>;

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
  /** The next slot of each kind to probe (shared by every order acquiring at the same time). */
  private readonly cursors = { rate: 0, inflight: 0 };

  constructor(
    private readonly kv: Kv,
    private readonly clock: Clock,
    private readonly options: BudgetOptions,
  ) {}

  /** Waits for a slot (up to maxWaitMs); returns its release function, or throws a `budget` refusal. */
  acquire(): Promise<ReleaseSlot> {
    return this.waitUntil(async (now) => {
      const inflight = await this.claimSlot('inflight', this.options.maxConcurrent, now, INFLIGHT_TTL_MS);
      if (inflight === undefined) return now + 25;
      const release: ReleaseSlot = (together = []) => this.kv.batch(together, [inflight]);
      const rate = await this.takeRateSlot(now);
      if (rate === true) return { release };
      await release();
      return rate;
    }).then(({ release }) => release);
  }

  /** For a retry of a call that already holds an in-flight slot: waits for a rate slot only. */
  async acquireRetry(): Promise<void> {
    await this.waitUntil(async (now) => {
      const rate = await this.takeRateSlot(now);
      return rate === true ? {} : rate;
    });
  }

  /** A 429 from the store: nobody calls create-order until it has passed. */
  async pause(seconds: number): Promise<void> {
    const until = this.clock.now() + seconds * 1000;
    const current = (await this.kv.get<number>('budget:paused')) ?? 0;
    if (until > current) await this.kv.set('budget:paused', until, seconds * 1000);
  }

  /**
   * Repeats `attempt` (which returns what it took, or the time worth trying again) while the store
   * is not paused by a 429, until it succeeds or the next try would come after maxWaitMs.
   */
  private async waitUntil<T extends object>(attempt: (now: number) => Promise<T | number>): Promise<T> {
    const giveUpAt = this.clock.now() + this.options.maxWaitMs;
    for (;;) {
      const now = this.clock.now();
      const pausedUntil = (await this.kv.get<number>('budget:paused')) ?? 0;
      const result = pausedUntil > now ? pausedUntil : await attempt(now);
      if (typeof result !== 'number') return result;
      if (result > giveUpAt) {
        throw new RefusalError({
          kind: 'budget',
          retryAfterSeconds: Math.max(1, Math.ceil((result - now) / 1000)),
        });
      }
      await this.clock.sleep(Math.max(10, result - now));
    }
  }

  /** True, or the time at which the oldest rate slot frees up. */
  private async takeRateSlot(now: number): Promise<true | number> {
    if ((await this.claimSlot('rate', this.options.perMinute, now, WINDOW_MS)) !== undefined) return true;
    return this.rateRetryAt(now);
  }

  private async rateRetryAt(now: number): Promise<number> {
    let oldest = Number.POSITIVE_INFINITY;
    for (let slot = 0; slot < this.options.perMinute; slot++) {
      const takenAt = await this.kv.get<number>(`budget:rate:${slot}`);
      oldest = Math.min(oldest, takenAt ?? now - WINDOW_MS);
    }
    return oldest + WINDOW_MS + 5;
  }

  /**
   * Claims one of `count` numbered slots for `ttlMs`; returns its key, or undefined when all are
   * taken. Slots are probed in turn from a cursor that every probe moves on before it awaits its
   * claim: orders acquiring at the same time (a burst) probe different slots, where reading the
   * cursor and moving it only after a success made all of them probe the same slots, one claim
   * per order ahead of them (500 at once: 125,000 claims).
   */
  private async claimSlot(
    kind: keyof OrderBudget['cursors'],
    count: number,
    now: number,
    ttlMs: number,
  ): Promise<string | undefined> {
    for (let tried = 0; tried < count; tried++) {
      const slot = this.cursors[kind] % count;
      this.cursors[kind] = (slot + 1) % count;
      const key = `budget:${kind}:${slot}`;
      if (await this.kv.claim(key, now, ttlMs)) return key;
    }
    return undefined;
  }
}
