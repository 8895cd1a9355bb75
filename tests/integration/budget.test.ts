import { describe, expect, it } from 'vitest';

import { systemClock } from '../../src/clock.js';
import { OrderBudget } from '../../src/orders/budget.js';
import { Kv } from '../../src/store/kv.js';
import { MemoryAdapter } from '../../src/store/memory.js';
import { liveKeys } from './live-keys.js';

/** The memory backend, counting the claims the budget makes. */
class CountingAdapter extends MemoryAdapter {
  claims = 0;
  reads = 0;
  override claimAll(...args: Parameters<MemoryAdapter['claimAll']>): Promise<boolean> {
    this.claims++;
    return super.claimAll(...args);
  }
  override get(key: string): Promise<string | undefined> {
    if (key.startsWith('budget:rate:') || key.startsWith('budget:inflight:')) this.reads++;
    return super.get(key);
  }
}

/** Takes every one of the budget's rate slots (each order's in-flight slot freed again). */
async function fillWindow(budget: OrderBudget, perMinute: number): Promise<void> {
  for (let i = 0; i < perMinute; i++) await (await budget.acquire())();
}

describe('the token budget', () => {
  it('gives orders acquiring at the same time different slots, one claim each per kind', async () => {
    const adapter = new CountingAdapter();
    const budget = new OrderBudget(new Kv(adapter), systemClock, {
      perMinute: 1000,
      maxConcurrent: 1000,
      maxWaitMs: 1000,
    });
    const releases = await Promise.all(Array.from({ length: 200 }, () => budget.acquire()));
    // One in-flight slot and one rate slot each: no order probed a slot another had just taken.
    expect(adapter.claims).toBe(400);
    expect(new Set(await liveKeys(new Kv(adapter), 'budget:inflight:')).size).toBe(200);

    await Promise.all(releases.map((release) => release()));
    adapter.claims = 0;
    // Freed slots are found again without probing the ones still taken.
    const again = await Promise.all(Array.from({ length: 50 }, () => budget.acquire()));
    expect(adapter.claims).toBe(100);
    await Promise.all(again.map((release) => release()));
  });

  it('still skips the slots that are taken, and refuses when every one is', async () => {
    const budget = new OrderBudget(new Kv(new MemoryAdapter()), systemClock, {
      perMinute: 1000,
      maxConcurrent: 3,
      maxWaitMs: 50,
    });
    const held = await Promise.all([budget.acquire(), budget.acquire(), budget.acquire()]);
    await expect(budget.acquire()).rejects.toMatchObject({ refusal: { kind: 'budget' } });
    await held[1]();
    const next = await budget.acquire();
    await next();
    await Promise.all(held.map((release) => release()));
  });

  it('reads the slots at once when the window is full, and waits for the oldest', async () => {
    const adapter = new CountingAdapter();
    const kv = new Kv(adapter);
    const budget = new OrderBudget(kv, systemClock, { perMinute: 1000, maxConcurrent: 2, maxWaitMs: 50 });
    const before = Date.now();
    await fillWindow(budget, 1000);
    adapter.claims = 0;
    adapter.reads = 0;

    // Its in-flight slot, then four rate slots probed and one read of them all: no claim or read per slot.
    const refusal = await budget.acquire().catch((error: unknown) => error);
    expect(refusal).toMatchObject({ refusal: { kind: 'budget' } });
    // The oldest slot frees a minute after it was taken.
    const retryAfter = (refusal as { refusal: { retryAfterSeconds: number } }).refusal.retryAfterSeconds;
    expect(retryAfter).toBeGreaterThanOrEqual(59);
    expect(retryAfter).toBeLessThanOrEqual(61 + Math.ceil((Date.now() - before) / 1000));
    expect(adapter.claims).toBe(5);
    expect(adapter.reads).toBe(0);
    expect(await liveKeys(kv, 'budget:inflight:')).toEqual([]);
  });

  it('finds the one free slot far from its cursor with a single read', async () => {
    const adapter = new CountingAdapter();
    const kv = new Kv(adapter);
    const budget = new OrderBudget(kv, systemClock, { perMinute: 1000, maxConcurrent: 2, maxWaitMs: 50 });
    await fillWindow(budget, 1000);
    // Freed by expiry, or never taken by this instance: not where the cursor is.
    await kv.delete('budget:rate:700');
    adapter.claims = 0;

    const release = await budget.acquire();
    // The in-flight slot, four probes at the cursor (slots 0 to 3), then slot 700.
    expect(adapter.claims).toBe(6);
    expect(adapter.reads).toBe(0);
    expect(await liveKeys(kv, 'budget:rate:')).toHaveLength(1000);
    await release();
    // The window is full again.
    await expect(budget.acquire()).rejects.toMatchObject({ refusal: { kind: 'budget' } });
  });

  it('does not count the slots a larger budget left beyond its own', async () => {
    const kv = new Kv(new MemoryAdapter());
    // Taken under LEUWONG_ORDERS_PER_MINUTE=1000 before a restart with 10.
    for (let slot = 10; slot < 1000; slot++) await kv.claim(`budget:rate:${slot}`, Date.now(), 60_000);
    const budget = new OrderBudget(kv, systemClock, { perMinute: 10, maxConcurrent: 2, maxWaitMs: 50 });
    await fillWindow(budget, 10);
    await expect(budget.acquire()).rejects.toMatchObject({ refusal: { kind: 'budget' } });
  });
});
