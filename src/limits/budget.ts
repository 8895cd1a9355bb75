import { createHash } from 'node:crypto';
import type { Clock } from '../clock.js';
import { RefusalError } from '../errors.js';
import type { Metrics } from '../metrics.js';
import type { Kv } from '../store/kv.js';
import { secondsUntil, WINDOW_MS } from './time.js';

export interface BudgetOptions {
  /** Create-order calls a minute, per token. */
  perMinute: number;
  /** Create-order calls in flight at once, per token. */
  maxConcurrent: number;
  /** Reads (token checks, balances) a minute, per token. */
  readsPerMinute: number;
  /** How long an order may wait for a free slot before the user is asked to try again later. */
  maxWaitMs: number;
}

/**
 * Who waits for a read: a user who pressed a button, or a background check. Background checks
 * leave a fifth of the token's reads to users, so a press is never refused because of them.
 */
export type ReadPriority = 'user' | 'background';

/** Frees the in-flight slot an order holds during its call. */
export type ReleaseSlot = () => Promise<void>;

type SlotKind = 'rate' | 'inflight' | 'read';

/** An in-flight slot held by an instance that crashed frees itself after this long. */
const INFLIGHT_TTL_MS = 120_000;
/** Slots tried one by one from the cursor before the taken ones are read all at once. */
const PROBES = 4;
/** How soon to try again for a slot that may free at any moment. */
const CONTENDED_RETRY_MS = 25;
/** The longest a store's Retry-After pauses a token: one bad answer must not stop orders for a day. */
export const MAX_PAUSE_SECONDS = 120;

/** The seconds a 429 pauses a token for: what the store asked, at most MAX_PAUSE_SECONDS. */
export function capPause(seconds: number): number {
  return Math.min(seconds, MAX_PAUSE_SECONDS);
}

/**
 * The name a token's budget is kept under: a fingerprint, so the store holds no token in its
 * keys. A SHA-256 of a random secret reveals nothing of it.
 */
export function budgetId(token: string): string {
  return createHash('sha256').update(token).digest('base64url').slice(0, 16);
}

/**
 * Each LeuwongRR token's budget, as the store limits each token on its own, shared by every user
 * and, through the key-value store, by every instance. There are `perMinute` numbered rate slots
 * per token: an order claims a free one atomically and holds it for 60 s, so no 60-second window
 * holds more than `perMinute` calls of a token, however many instances there are. Likewise
 * `maxConcurrent` in-flight slots, held for the duration of the call, and `readsPerMinute` read
 * slots. A 429 from the store pauses that token's orders until its Retry-After (at most 120 s).
 */
export class TokenBudget {
  /** The next slot to try of each token's kind, shared by the orders acquiring at the same time. */
  private readonly cursors = new Map<string, number>();

  constructor(
    private readonly kv: Kv,
    private readonly clock: Clock,
    private readonly options: BudgetOptions,
    /** Times the waits for slots and counts refusals. */
    private readonly metrics?: Pick<Metrics, 'budgetWaitSeconds' | 'refusals'>,
  ) {}

  /**
   * Waits for an in-flight and a rate slot of the token (`id`: its budgetId) up to maxWaitMs;
   * throws a `budget` refusal after that.
   */
  acquire(id: string): Promise<ReleaseSlot> {
    return this.waitFor(id, async (now) => {
      const inflight = await this.claimSlot(id, 'inflight', this.options.maxConcurrent, now, INFLIGHT_TTL_MS);
      // In-flight slots free as calls end, not when they expire: look again soon.
      if (typeof inflight !== 'string') return now + CONTENDED_RETRY_MS;
      const release: ReleaseSlot = () => this.kv.delete(inflight);
      const rate = await this.claimSlot(id, 'rate', this.options.perMinute, now, WINDOW_MS);
      if (typeof rate === 'string') return release;
      await release();
      return rate;
    });
  }

  /** A retry of a call that already holds an in-flight slot: waits for a rate slot only. */
  async acquireRetry(id: string): Promise<void> {
    await this.waitFor(id, async (now) => {
      const rate = await this.claimSlot(id, 'rate', this.options.perMinute, now, WINDOW_MS);
      return typeof rate === 'string' ? {} : rate;
    });
  }

  /** A read of the token: takes a read slot now, or refuses with the wait. */
  async takeRead(id: string, priority: ReadPriority = 'user'): Promise<void> {
    const now = this.clock.now();
    const all = this.options.readsPerMinute;
    const slots = priority === 'user' ? all : Math.max(1, all - Math.ceil(all / 5));
    const read = await this.claimSlot(id, 'read', slots, now, WINDOW_MS);
    if (typeof read === 'string') return;
    this.metrics?.refusals.inc({ kind: 'read_budget' });
    throw new RefusalError({ kind: 'read_budget', retryAfterSeconds: secondsUntil(read, now) });
  }

  /**
   * A 429 from the store: this token's orders wait until it has passed, for at most
   * MAX_PAUSE_SECONDS. Returns the seconds it pauses for.
   */
  async pause(id: string, seconds: number): Promise<number> {
    const capped = capPause(seconds);
    const until = this.clock.now() + capped * 1000;
    const current = (await this.kv.get<number>(pausedKey(id))) ?? 0;
    if (until > current) await this.kv.set(pausedKey(id), until, capped * 1000);
    return capped;
  }

  /**
   * Repeats `attempt` (which returns what it took, or the time worth trying again) while the token
   * is not paused, until it succeeds or the next try would come after maxWaitMs.
   */
  private async waitFor<T extends object>(
    id: string,
    attempt: (now: number) => Promise<T | number>,
  ): Promise<T> {
    const started = this.clock.now();
    const giveUpAt = started + this.options.maxWaitMs;
    for (;;) {
      const now = this.clock.now();
      const pausedUntil = (await this.kv.get<number>(pausedKey(id))) ?? 0;
      const result = pausedUntil > now ? pausedUntil : await attempt(now);
      if (typeof result !== 'number') {
        this.metrics?.budgetWaitSeconds.observe((this.clock.now() - started) / 1000);
        return result;
      }
      if (result > giveUpAt) {
        this.metrics?.budgetWaitSeconds.observe((now - started) / 1000);
        this.metrics?.refusals.inc({ kind: 'budget' });
        throw new RefusalError({ kind: 'budget', retryAfterSeconds: secondsUntil(result, now) });
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
    id: string,
    kind: SlotKind,
    count: number,
    now: number,
    ttlMs: number,
  ): Promise<string | number> {
    const prefix = slotPrefix(id, kind);
    for (let tried = 0; tried < Math.min(count, PROBES); tried++) {
      const key = `${prefix}${this.nextSlot(prefix, count)}`;
      if (await this.kv.claim(key, now, ttlMs)) return key;
    }
    for (let round = 0; round < PROBES; round++) {
      const taken = await this.takenSlots(prefix, count);
      const free = firstFree(taken.slots, this.cursors.get(prefix) ?? 0, count);
      if (free === undefined) return taken.oldestTakenAt + ttlMs + 5;
      this.cursors.set(prefix, (free + 1) % count);
      const key = `${prefix}${free}`;
      if (await this.kv.claim(key, now, ttlMs)) return key;
    }
    return now + CONTENDED_RETRY_MS;
  }

  /**
   * The slots of a kind taken now, and when the oldest of them was taken. Slots from `count` on
   * (left by a larger budget before a restart) are not counted.
   */
  private async takenSlots(
    prefix: string,
    count: number,
  ): Promise<{ slots: Set<number>; oldestTakenAt: number }> {
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

  /** The slot at the cursor of a token's kind, moving the cursor on. */
  private nextSlot(prefix: string, count: number): number {
    const slot = (this.cursors.get(prefix) ?? 0) % count;
    this.cursors.set(prefix, (slot + 1) % count);
    return slot;
  }
}

/** The keys of a token's slots of a kind: `budget:<id>:<kind>:<slot>`. */
function slotPrefix(id: string, kind: SlotKind): string {
  return `budget:${id}:${kind}:`;
}

/** Until when a 429 from the store pauses the token's orders (a time in ms). */
function pausedKey(id: string): string {
  return `budget:${id}:paused`;
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
