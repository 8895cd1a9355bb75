import { describe, expect, it } from 'vitest';

import { systemClock } from '../../src/clock.js';
import { OrderBudget } from '../../src/orders/limiter.js';
import { Kv } from '../../src/store/kv.js';
import { MemoryAdapter } from '../../src/store/memory.js';

/** The memory backend, counting the claims the budget makes. */
class CountingAdapter extends MemoryAdapter {
  claims = 0;
  override claim(...args: Parameters<MemoryAdapter['claim']>): Promise<boolean> {
    this.claims++;
    return super.claim(...args);
  }
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
    const inflight: string[] = [];
    for await (const [key] of new Kv(adapter).scan('budget:inflight:')) inflight.push(key);
    expect(new Set(inflight).size).toBe(200);

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
});
