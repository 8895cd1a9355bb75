import type { Clock } from '../clock.js';
import { RefusalError } from '../errors.js';
import type { Kv, KvEntry } from '../store/kv.js';

export interface BudgetOptions {
  perMinute: number;
  maxConcurrent: number;
  /** How long an order may wait for a free slot before the user is asked to try again later. */
  maxWaitMs: number;
}

/**
 * Frees an in-flight slot; `together` (the order's outcome) is stored and `deletes` removed in the
 * same write.
 */
export type ReleaseSlot = (together?: readonly KvEntry[], deletes?: readonly string[]) => Promise<void>;

const WINDOW_MS = 60_000;
/** Until when a 429 from the store pauses every order (a time in ms). */
const PAUSED_KEY = 'budget:paused';
/** A concurrency slot held by a crashed instance frees itself after this long. */
const INFLIGHT_TTL_MS = 120_000;
/** Slots probed one by one before the taken ones are read all at once (see claimSlot). */
const PROBES = 4;

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

  /**
   * A new order's common case, in one write: `claims` (its record) together with the in-flight and
   * rate slots at the cursors, and `companions`. Returns the slots' release; `held` when one of
   * `claims` was taken; undefined when the store is paused or a slot at a cursor is taken. In
   * either case nothing was written: the caller claims its record alone, then waits in acquire().
   */
  async acquireWith(
    claims: readonly KvEntry[],
    companions: readonly KvEntry[],
  ): Promise<ReleaseSlot | 'held' | undefined> {
    const now = this.clock.now();
    if (((await this.kv.get<number>(PAUSED_KEY)) ?? 0) > now) return undefined;
    const inflight = this.nextSlot('inflight', this.options.maxConcurrent);
    const rate = this.nextSlot('rate', this.options.perMinute);
    const held = await this.kv.claimAll(
      [
        ...claims,
        { key: inflight, value: now, ttlMs: INFLIGHT_TTL_MS },
        { key: rate, value: now, ttlMs: WINDOW_MS },
      ],
      companions,
    );
    if (held === -1) return this.releaser(inflight);
    return held < claims.length ? 'held' : undefined;
  }

  /** Waits for a slot (up to maxWaitMs); returns its release function, or throws a `budget` refusal. */
  acquire(): Promise<ReleaseSlot> {
    return this.waitUntil(async (now) => {
      const inflight = await this.claimSlot('inflight', this.options.maxConcurrent, now, INFLIGHT_TTL_MS);
      if (typeof inflight !== 'string') return now + 25;
      const release = this.releaser(inflight);
      const rate = await this.takeRateSlot(now);
      if (rate === true) return { release };
      await release();
      return rate;
    }).then(({ release }) => release);
  }

  private releaser(inflight: string): ReleaseSlot {
    return (together = [], deletes = []) => this.kv.batch(together, [inflight, ...deletes]);
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
    const current = (await this.kv.get<number>(PAUSED_KEY)) ?? 0;
    if (until > current) await this.kv.set(PAUSED_KEY, until, seconds * 1000);
  }

  /**
   * Repeats `attempt` (which returns what it took, or the time worth trying again) while the store
   * is not paused by a 429, until it succeeds or the next try would come after maxWaitMs.
   */
  private async waitUntil<T extends object>(attempt: (now: number) => Promise<T | number>): Promise<T> {
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

  /** True, or the time at which the oldest rate slot frees up. */
  private async takeRateSlot(now: number): Promise<true | number> {
    const claimed = await this.claimSlot('rate', this.options.perMinute, now, WINDOW_MS);
    if (typeof claimed === 'string') return true;
    // Unknown when each free slot found was taken by someone else first: try again soon.
    return claimed.oldestTakenAt === undefined ? now + 25 : claimed.oldestTakenAt + WINDOW_MS + 5;
  }

  /**
   * Claims one of `count` numbered slots for `ttlMs`; returns its key, or, when every slot is
   * taken, when the oldest of them was taken. A few slots are probed in turn from a cursor that
   * every probe moves on before it awaits its claim: orders acquiring at the same time (a burst)
   * probe different slots, where reading the cursor and moving it only after a success made all of
   * them probe the same slots, one claim per order ahead of them (500 at once: 125,000 claims).
   * When those are taken, the slots of the kind are read at once (one range read in SQLite) and a
   * free one is claimed: probing every slot in turn cost a claim per slot, and with a full window
   * of 10,000 rate slots every waiting order made 10,000 claims and then 10,000 reads.
   */
  private async claimSlot(
    kind: keyof OrderBudget['cursors'],
    count: number,
    now: number,
    ttlMs: number,
  ): Promise<string | { oldestTakenAt: number | undefined }> {
    for (let tried = 0; tried < Math.min(count, PROBES); tried++) {
      const key = this.nextSlot(kind, count);
      if (await this.kv.claim(key, now, ttlMs)) return key;
    }
    for (let round = 0; round < PROBES; round++) {
      const taken = await this.takenSlots(kind, count);
      const free = firstFree(taken.slots, this.cursors[kind], count);
      if (free === undefined) return { oldestTakenAt: taken.oldestTakenAt };
      this.cursors[kind] = (free + 1) % count;
      const key = slotKey(kind, free);
      if (await this.kv.claim(key, now, ttlMs)) return key;
    }
    return { oldestTakenAt: undefined };
  }

  /**
   * The slots of a kind taken now, and when the oldest of them was taken. Slots from `count` on
   * (left by a larger budget before a restart) are not counted.
   */
  private async takenSlots(
    kind: keyof OrderBudget['cursors'],
    count: number,
  ): Promise<{ slots: Set<number>; oldestTakenAt: number | undefined }> {
    const prefix = slotKey(kind, '');
    const slots = new Set<number>();
    let oldestTakenAt: number | undefined;
    for await (const [key, takenAt] of this.kv.scan<number>(prefix)) {
      const suffix = key.slice(prefix.length);
      const slot = Number(suffix);
      if (!/^\d+$/.test(suffix) || slot >= count) continue;
      slots.add(slot);
      oldestTakenAt = Math.min(oldestTakenAt ?? takenAt, takenAt);
    }
    return { slots, oldestTakenAt };
  }

  /** The key of the slot at the cursor of its kind, moving the cursor on. */
  private nextSlot(kind: keyof OrderBudget['cursors'], count: number): string {
    const slot = this.cursors[kind] % count;
    this.cursors[kind] = (slot + 1) % count;
    return slotKey(kind, slot);
  }
}

function slotKey(kind: keyof OrderBudget['cursors'], slot: number | ''): string {
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
