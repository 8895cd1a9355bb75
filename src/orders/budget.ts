import type { Clock } from '../clock.js';
import { RefusalError } from '../errors.js';
import type { Kv } from '../store/kv.js';

export interface BudgetOptions {
  perMinute: number;
  maxConcurrent: number;
  /** How long an order may wait for a free slot before the user is asked to try again later. */
  maxWaitMs: number;
}

/** Frees the in-flight slot an order holds during its call. */
export type ReleaseSlot = () => Promise<void>;

type SlotKind = 'rate' | 'inflight';

const WINDOW_MS = 60_000;
/** Until when a 429 from the store pauses every order (a time in ms). */
const PAUSED_KEY = 'budget:paused';
/** An in-flight slot held by an instance that crashed frees itself after this long. */
const INFLIGHT_TTL_MS = 120_000;
/** Slots tried one by one from the cursor before the taken ones are read all at once. */
const PROBES = 4;
/** How soon to try again for a slot that may free at any moment. */
const CONTENDED_RETRY_MS = 25;

/**
 * The LeuwongRR token's budget, shared by every user and, through the key-value store, by every
 * instance. There are `perMinute` numbered rate slots: an order claims a free one atomically and
 * holds it for 60 s, so no 60-second window holds more than `perMinute` calls, however many
 * instances there are. Likewise `maxConcurrent` in-flight slots, held for the duration of the
 * call. A 429 from the store pauses everyone until its Retry-After.
 */
export class OrderBudget {
  /** The next slot of each kind to try, shared by the orders acquiring at the same time. */
  private readonly cursors: Record<SlotKind, number> = { rate: 0, inflight: 0 };

  constructor(
    private readonly kv: Kv,
    private readonly clock: Clock,
    private readonly options: BudgetOptions,
  ) {}

  /** Waits for an in-flight and a rate slot (up to maxWaitMs); throws a `budget` refusal after that. */
  acquire(): Promise<ReleaseSlot> {
    return this.waitFor(async (now) => {
      const inflight = await this.claimSlot('inflight', this.options.maxConcurrent, now, INFLIGHT_TTL_MS);
      // In-flight slots free as calls end, not when they expire: look again soon.
      if (typeof inflight !== 'string') return now + CONTENDED_RETRY_MS;
      const release: ReleaseSlot = () => this.kv.delete(inflight);
      const rate = await this.claimSlot('rate', this.options.perMinute, now, WINDOW_MS);
      if (typeof rate === 'string') return release;
      await release();
      return rate;
    });
  }

  /** A retry of a call that already holds an in-flight slot: waits for a rate slot only. */
  async acquireRetry(): Promise<void> {
    await this.waitFor(async (now) => {
      const rate = await this.claimSlot('rate', this.options.perMinute, now, WINDOW_MS);
      return typeof rate === 'string' ? {} : rate;
    });
  }

  /** A 429 from the store: nobody calls create-order until it has passed. */
  async pause(seconds: number): Promise<void> {
    const until = this.clock.now() + seconds * 1000;
    const current = (await this.kv.get<number>(PAUSED_KEY)) ?? 0;
    if (until > current) await this.kv.set(PAUSED_KEY, until, seconds * 1000);
  }

  /**
   * Repeats `attempt` (which returns what it took, or the time worth trying again) while the store
   * is not paused, until it succeeds or the next try would come after maxWaitMs.
   */
  private async waitFor<T extends object>(attempt: (now: number) => Promise<T | number>): Promise<T> {
    const giveUpAt = this.clock.now() + this.options.maxWaitMs;
    for (;;) {
      const now = this.clock.now();
      const pausedUntil = (await this.kv.get<number>(PAUSED_KEY)) ?? 0;
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

  /**
   * Claims one of `count` numbered slots for `ttlMs`: returns its key, or the time worth trying
   * again (when the oldest taken slot frees). A few slots are tried in turn from the cursor, which
   * each try moves on before it awaits its claim, so orders acquiring at once try different
   * slots. When those are taken, the taken slots are read at once and a free one is claimed: a
   * full budget costs one read, not a claim per slot.
   */
  private async claimSlot(
    kind: SlotKind,
    count: number,
    now: number,
    ttlMs: number,
  ): Promise<string | number> {
    for (let tried = 0; tried < Math.min(count, PROBES); tried++) {
      const key = this.nextSlot(kind, count);
      if (await this.kv.claim(key, now, ttlMs)) return key;
    }
    for (let round = 0; round < PROBES; round++) {
      const taken = await this.takenSlots(kind, count);
      const free = firstFree(taken.slots, this.cursors[kind], count);
      if (free === undefined) return taken.oldestTakenAt + ttlMs + 5;
      this.cursors[kind] = (free + 1) % count;
      const key = slotKey(kind, free);
      if (await this.kv.claim(key, now, ttlMs)) return key;
    }
    return now + CONTENDED_RETRY_MS;
  }

  /**
   * The slots of a kind taken now, and when the oldest of them was taken. Slots from `count` on
   * (left by a larger budget before a restart) are not counted.
   */
  private async takenSlots(
    kind: SlotKind,
    count: number,
  ): Promise<{ slots: Set<number>; oldestTakenAt: number }> {
    const prefix = slotKey(kind, '');
    const slots = new Set<number>();
    let oldestTakenAt = Number.POSITIVE_INFINITY;
    for await (const [key, takenAt] of this.kv.scan<number>(prefix)) {
      const suffix = key.slice(prefix.length);
      const slot = Number(suffix);
      if (!/^\d+$/.test(suffix) || slot >= count) continue;
      slots.add(slot);
      oldestTakenAt = Math.min(oldestTakenAt, takenAt);
    }
    return { slots, oldestTakenAt };
  }

  /** The key of the slot at the cursor of its kind, moving the cursor on. */
  private nextSlot(kind: SlotKind, count: number): string {
    const slot = this.cursors[kind] % count;
    this.cursors[kind] = (slot + 1) % count;
    return slotKey(kind, slot);
  }
}

function slotKey(kind: SlotKind, slot: number | ''): string {
  return `budget:${kind}:${slot}`;
}

/** The first slot from `start` on (going round) that is not taken, if any. */
function firstFree(taken: ReadonlySet<number>, start: number, count: number): number | undefined {
  if (taken.size >= count) return undefined;
  for (let offset = 0; offset < count; offset++) {
    const slot = (start + offset) % count;
    if (!taken.has(slot)) return slot;
  }
  return undefined;
}
