import { describe, expect, it } from 'vitest';

import { systemClock } from '../../src/clock.js';
import { MAX_PAUSE_SECONDS, TokenBudget, budgetId } from '../../src/limits/budget.js';
import { UserShare } from '../../src/limits/share.js';
import { Kv } from '../../src/store/kv.js';
import { MemoryAdapter } from '../../src/store/memory.js';
import { liveKeys } from './live-keys.js';

/** The budgets' names of two tokens (budgetId of each). */
const SHOP = 'shop-token-id';
const MEMBER = 'member-token-id';

/** The memory backend, counting the claims the budget makes. */
class CountingAdapter extends MemoryAdapter {
  claims = 0;
  reads = 0;
  override claimAll(...args: Parameters<MemoryAdapter['claimAll']>): Promise<boolean> {
    this.claims++;
    return super.claimAll(...args);
  }
  override get(key: string): Promise<string | undefined> {
    if (key.includes(':rate:') || key.includes(':inflight:')) this.reads++;
    return super.get(key);
  }
}

type Limits = ConstructorParameters<typeof TokenBudget>[2];

/** A budget on `kv` (memory by default) with these test limits, or the ones given. */
function budgetOn(kv: Kv = new Kv(new MemoryAdapter()), limits: Partial<Limits> = {}): TokenBudget {
  return new TokenBudget(kv, systemClock, {
    perMinute: 1000,
    maxConcurrent: 2,
    readsPerMinute: 60,
    maxWaitMs: 50,
    ...limits,
  });
}

/** Takes every one of the budget's rate slots (each order's in-flight slot freed again). */
async function fillWindow(budget: TokenBudget, perMinute: number): Promise<void> {
  for (let i = 0; i < perMinute; i++) await (await budget.acquire(SHOP))();
}

describe('the token budget', () => {
  it('gives orders acquiring at the same time different slots, one claim each per kind', async () => {
    const adapter = new CountingAdapter();
    const budget = budgetOn(new Kv(adapter), { maxConcurrent: 1000, maxWaitMs: 1000 });
    const releases = await Promise.all(Array.from({ length: 200 }, () => budget.acquire(SHOP)));
    // One in-flight slot and one rate slot each: no order probed a slot another had just taken.
    expect(adapter.claims).toBe(400);
    expect(new Set(await liveKeys(new Kv(adapter), `budget:${SHOP}:inflight:`)).size).toBe(200);

    await Promise.all(releases.map((release) => release()));
    adapter.claims = 0;
    // Freed slots are found again without probing the ones still taken.
    const again = await Promise.all(Array.from({ length: 50 }, () => budget.acquire(SHOP)));
    expect(adapter.claims).toBe(100);
    await Promise.all(again.map((release) => release()));
  });

  it('still skips the slots that are taken, and refuses when every one is', async () => {
    const budget = budgetOn(undefined, { maxConcurrent: 3 });
    const held = await Promise.all([budget.acquire(SHOP), budget.acquire(SHOP), budget.acquire(SHOP)]);
    await expect(budget.acquire(SHOP)).rejects.toMatchObject({ refusal: { kind: 'budget' } });
    await held[1]();
    const next = await budget.acquire(SHOP);
    await next();
    await Promise.all(held.map((release) => release()));
  });

  it('reads the slots at once when the window is full, and waits for the oldest', async () => {
    const adapter = new CountingAdapter();
    const kv = new Kv(adapter);
    const budget = budgetOn(kv);
    const before = Date.now();
    await fillWindow(budget, 1000);
    adapter.claims = 0;
    adapter.reads = 0;

    // Its in-flight slot, then four rate slots probed and one read of them all: no claim or read per slot.
    const refusal = await budget.acquire(SHOP).catch((error: unknown) => error);
    expect(refusal).toMatchObject({ refusal: { kind: 'budget' } });
    // The oldest slot frees a minute after it was taken.
    const retryAfter = (refusal as { refusal: { retryAfterSeconds: number } }).refusal.retryAfterSeconds;
    expect(retryAfter).toBeGreaterThanOrEqual(59);
    expect(retryAfter).toBeLessThanOrEqual(61 + Math.ceil((Date.now() - before) / 1000));
    expect(adapter.claims).toBe(5);
    expect(adapter.reads).toBe(0);
    expect(await liveKeys(kv, `budget:${SHOP}:inflight:`)).toEqual([]);
  });

  it('finds the one free slot far from its cursor with a single read', async () => {
    const adapter = new CountingAdapter();
    const kv = new Kv(adapter);
    const budget = budgetOn(kv);
    await fillWindow(budget, 1000);
    // Freed by expiry, or never taken by this instance: not where the cursor is.
    await kv.delete(`budget:${SHOP}:rate:700`);
    adapter.claims = 0;

    const release = await budget.acquire(SHOP);
    // The in-flight slot, four probes at the cursor (slots 0 to 3), then slot 700.
    expect(adapter.claims).toBe(6);
    expect(adapter.reads).toBe(0);
    expect(await liveKeys(kv, `budget:${SHOP}:rate:`)).toHaveLength(1000);
    await release();
    // The window is full again.
    await expect(budget.acquire(SHOP)).rejects.toMatchObject({ refusal: { kind: 'budget' } });
  });

  it('does not count the slots a larger budget left beyond its own', async () => {
    const kv = new Kv(new MemoryAdapter());
    // Taken under LEUWONG_ORDERS_PER_MINUTE=1000 before a restart with 10.
    for (let slot = 10; slot < 1000; slot++)
      await kv.claim(`budget:${SHOP}:rate:${slot}`, Date.now(), 60_000);
    const budget = budgetOn(kv, { perMinute: 10 });
    await fillWindow(budget, 10);
    await expect(budget.acquire(SHOP)).rejects.toMatchObject({ refusal: { kind: 'budget' } });
  });
});

describe('a budget per token', () => {
  const limits = { perMinute: 10, readsPerMinute: 5 };
  const refusalOf = (promise: Promise<unknown>) =>
    promise.then(
      () => undefined,
      (error: unknown) => (error as { refusal: { kind: string; retryAfterSeconds: number } }).refusal,
    );

  it('gives each token its own 10 a minute while the shop token is saturated', async () => {
    const budget = budgetOn(undefined, limits);
    await fillWindow(budget, 10);
    expect((await refusalOf(budget.acquire(SHOP)))?.kind).toBe('budget');
    for (const member of [MEMBER, 'another-member-id']) {
      for (let i = 0; i < 10; i++) await (await budget.acquire(member))();
      expect((await refusalOf(budget.acquire(member)))?.kind).toBe('budget');
    }
  });

  it('a Retry-After of a day pauses only that token, for 120 s', async () => {
    const budget = budgetOn(undefined, limits);
    expect(await budget.pause(SHOP, 86_400)).toBe(MAX_PAUSE_SECONDS);
    const refusal = await refusalOf(budget.acquire(SHOP));
    expect(refusal?.kind).toBe('budget');
    expect(refusal?.retryAfterSeconds).toBeGreaterThan(MAX_PAUSE_SECONDS - 2);
    expect(refusal?.retryAfterSeconds).toBeLessThanOrEqual(MAX_PAUSE_SECONDS);
    await (
      await budget.acquire(MEMBER)
    )();
  });

  it('counts reads apart from orders, per token, and says how long to wait', async () => {
    const budget = budgetOn(undefined, limits);
    for (let i = 0; i < 5; i++) await budget.takeRead(SHOP);
    const refusal = await refusalOf(budget.takeRead(SHOP));
    expect(refusal?.kind).toBe('read_budget');
    expect(refusal?.retryAfterSeconds).toBeGreaterThanOrEqual(59);
    expect(refusal?.retryAfterSeconds).toBeLessThanOrEqual(61);
    await budget.takeRead(MEMBER);
    await (
      await budget.acquire(SHOP)
    )();
  });

  it('keys a budget by a fingerprint of the token, never the token', () => {
    const token = 'lrrs_v1_secret_token_0123456789';
    expect(budgetId(token)).not.toContain('secret');
    expect(budgetId(token)).toBe(budgetId(token));
    expect(budgetId(token)).not.toBe(budgetId(`${token}x`));
  });
});

describe("one user's share of the shop token", () => {
  it('lets a user take 3 a minute, refuses the fourth with the wait, and leaves others their turn', async () => {
    const share = new UserShare(new Kv(new MemoryAdapter()), systemClock, 3);
    const taken = [await share.take('alice'), await share.take('alice'), await share.take('alice')];
    expect(new Set(taken).size).toBe(3);
    const refusal = await share.take('alice').catch((error: unknown) => error);
    expect(refusal).toMatchObject({ refusal: { kind: 'user_share', perMinute: 3 } });
    const wait = (refusal as { refusal: { retryAfterSeconds: number } }).refusal.retryAfterSeconds;
    expect(wait).toBeGreaterThanOrEqual(59);
    expect(wait).toBeLessThanOrEqual(60);
    await share.take('bob');

    await share.giveBack(taken[1]!);
    expect(await share.take('alice')).toBe(taken[1]);
  });
});
