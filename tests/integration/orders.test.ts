import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.js';
import { RefusalError } from '../../src/errors.js';
import { LeuwongClient } from '../../src/leuwong/client.js';
import type { CreateOrderBody } from '../../src/leuwong/schema.js';
import { OrderBudget } from '../../src/orders/limiter.js';
import { CLOSE_WAIT_MS, RECORD_TTL_MS } from '../../src/orders/records.js';
import { en } from '../../src/messages/en.js';
import { renderUnknown } from '../../src/messages/render.js';
import { OrderService, type PlaceOrderInput } from '../../src/orders/service.js';
import { Kv } from '../../src/store/kv.js';
import { MemoryAdapter } from '../../src/store/memory.js';
import { startStoreEmulator, type StoreEmulator } from '../emulators/store/index.js';
import { until } from '../e2e/harness.js';
import { liveKeys } from './live-keys.js';

const TOKEN = 'lrrs_v1_orders_test_token_0123456789';
const logger = pino({ level: 'silent' });

let store: StoreEmulator;
beforeAll(async () => {
  store = await startStoreEmulator({ accounts: [{ token: TOKEN }], rateLimit: false });
});
afterAll(async () => {
  await store.close();
});
beforeEach(() => {
  store.clearFaults();
});

let sequence = 0;
function input(overrides: Partial<PlaceOrderInput> = {}): PlaceOrderInput {
  sequence += 1;
  const invocationId = String(1_300_000_000_000_000_000n + BigInt(sequence));
  const body: CreateOrderBody = {
    order_type: 'gamepass',
    roblox_username: 'LeuwongUser',
    place_id: 123,
    roblox_pass_id: 456,
    payment_method: 'invoice',
    client_reference: `dc-${invocationId}-1`,
  };
  return {
    invocationId,
    attempt: 1,
    payment: 'invoice',
    body,
    userId: String(1_400_000_000_000_000_000n + BigInt(sequence)),
    locale: 'en-US',
    reply: { applicationId: '1', interactionId: invocationId, token: 'interaction-token' },
    ...overrides,
  };
}

/** The memory backend, counting the writes of each key (sets, and claims that stored a value). */
class CountingAdapter extends MemoryAdapter {
  readonly writes = new Map<string, number>();
  /** The keys of each successful claimAll (claims, then companions): one entry per write. */
  readonly claimWrites: string[][] = [];
  private count(key: string): void {
    this.writes.set(key, (this.writes.get(key) ?? 0) + 1);
  }
  override set(key: string, value: string, ttl?: number): Promise<boolean> {
    this.count(key);
    return super.set(key, value, ttl);
  }
  /** The keys each batch stored and removed: one entry per write. */
  readonly batches: { sets: string[]; deletes: string[] }[] = [];
  override batch(sets: Parameters<MemoryAdapter['batch']>[0], deletes: readonly string[]): Promise<void> {
    for (const entry of sets) this.count(entry.key);
    this.batches.push({ sets: sets.map((entry) => entry.key), deletes: [...deletes] });
    return super.batch(sets, deletes);
  }
  override async claimAll(
    claims: Parameters<MemoryAdapter['claimAll']>[0],
    companions: Parameters<MemoryAdapter['claimAll']>[1] = [],
  ): Promise<number> {
    const held = await super.claimAll(claims, companions);
    if (held === -1) {
      for (const entry of claims) this.count(entry.key);
      this.claimWrites.push([...claims, ...companions].map((entry) => entry.key));
    }
    return held;
  }
}

function service(
  options: {
    cooldownSeconds?: number;
    perMinute?: number;
    maxConcurrent?: number;
    maxWaitMs?: number;
    now?: () => number;
    tokenFor?: (userId: string) => Promise<string>;
  } = {},
) {
  const adapter = new CountingAdapter(options.now);
  const kv = new Kv(adapter);
  const api = new LeuwongClient({
    baseUrl: store.baseUrl,
    clock: systemClock,
    logger,
    retry: { attemptTimeoutMs: 500, deadlineMs: 1500, maxAttempts: 4, backoffBaseMs: 5, backoffCapMs: 20 },
  });
  const budget = new OrderBudget(kv, systemClock, {
    perMinute: options.perMinute ?? 1000,
    maxConcurrent: options.maxConcurrent ?? 10,
    maxWaitMs: options.maxWaitMs ?? 1000,
  });
  const orders = new OrderService({
    kv,
    api,
    budget,
    clock: systemClock,
    logger,
    cooldownSeconds: options.cooldownSeconds ?? 0,
    tokenFor: options.tokenFor ?? (() => Promise.resolve(TOKEN)),
    leaseMs: 3000,
    budgetWaitMs: 1000,
  });
  return { orders, kv, adapter };
}

const ledger = (invocationId: string) =>
  store.ledger.filter((entry) => entry.idempotencyKey === `discord-${invocationId}-1`);

describe('order records', () => {
  it('pending → placed: the record holds the invoice, and leaves the open index once the user saw it', async () => {
    const { orders } = service();
    const order = input();
    const outcome = await orders.place(order);
    expect(outcome.kind).toBe('placed');
    expect(outcome.record.invoice?.code).toBe(ledger(order.invocationId)[0]?.invoiceCode);
    expect(await orders.records.openKeys()).toContain(outcome.record.key);
    orders.markNotified(outcome.record);
    expect(await orders.records.openKeys()).not.toContain(outcome.record.key);
    expect((await orders.records.get(outcome.record.key))?.state).toBe('placed');
  });

  it("a told order's open-index entry is deleted with the next order's outcome, in the same write", async () => {
    const { orders, adapter, kv } = service();
    const first = await orders.place(input());
    orders.markNotified(first.record);
    // Not written yet, but this instance's recovery no longer looks at it.
    expect(await kv.get(`open:${first.record.key}`)).toBe(first.record.key);
    expect(await orders.records.openKeys()).not.toContain(first.record.key);
    const second = await orders.place(input());
    expect(adapter.batches.at(-1)).toEqual({
      sets: [`order:${second.record.key}`],
      deletes: [expect.stringMatching(/^budget:inflight:\d+$/), `open:${first.record.key}`],
    });
    expect(await kv.get(`open:${first.record.key}`)).toBeUndefined();
    expect(await kv.get(`open:${second.record.key}`)).toBe(second.record.key);
  });

  it("a told order's open-index entry is deleted on its own within CLOSE_WAIT_MS, or at once by flush", async () => {
    const { orders, adapter, kv } = service();
    const lone = await orders.place(input());
    const told = Date.now();
    orders.markNotified(lone.record);
    await until(
      () => adapter.batches.some((b) => b.deletes.includes(`open:${lone.record.key}`)),
      'the deferred deletion',
    );
    expect(Date.now() - told).toBeGreaterThanOrEqual(CLOSE_WAIT_MS - 50);
    expect(Date.now() - told).toBeLessThan(CLOSE_WAIT_MS + 1000);
    const last = await orders.place(input());
    orders.markNotified(last.record);
    await orders.flush();
    expect(await kv.get(`open:${last.record.key}`)).toBeUndefined();
  });

  it("keeps a told order's deletion queued when the write that was to carry it fails", async () => {
    const { orders, adapter, kv } = service();
    const first = await orders.place(input());
    orders.markNotified(first.record);
    const batch = adapter.batch.bind(adapter);
    adapter.batch = () => Promise.reject(new Error('disk full'));
    await expect(orders.place(input())).rejects.toBeInstanceOf(RefusalError);
    adapter.batch = batch;
    expect(await orders.records.openKeys()).not.toContain(first.record.key);
    await orders.flush();
    expect(await kv.get(`open:${first.record.key}`)).toBeUndefined();
  });

  it('pending → rejected on a definite refusal, and a second submit finds the same answer without a call', async () => {
    const { orders } = service();
    const order = input({ body: { ...input().body, roblox_username: 'NotFoundUser' } });
    const first = await orders.place(order);
    expect(first.kind).toBe('rejected');
    expect(first.record.error?.kind).toBe('roblox_validation');
    const calls = store.requests.length;
    expect((await orders.place(order)).kind).toBe('rejected');
    expect(store.requests.length).toBe(calls);
  });

  it('pending → unknown when retries run out, then the retry (same key, same body) places it once', async () => {
    const { orders } = service();
    const order = input();
    store.inject({ type: 'status', status: 503 }, { times: 100 });
    const first = await orders.place(order);
    expect(first.kind).toBe('unknown');
    expect(first.record.calls).toBeGreaterThan(1);
    store.clearFaults();
    const retried = await orders.retry(first.record.key, order.userId, order.reply);
    expect(retried.kind).toBe('placed');
    expect(ledger(order.invocationId)).toHaveLength(1);
    const bodies = new Set(
      store.requests.filter((r) => r.headers['idempotency-key'] === first.record.key).map((r) => r.rawBody),
    );
    expect(bodies.size).toBe(1);
  });

  it('a concurrent duplicate of an order in flight makes no second call and says it is in progress', async () => {
    const { orders } = service();
    const order = input();
    store.inject({ type: 'delay', ms: 200 });
    const [a, b] = await Promise.all([orders.place(order), orders.place(order)]);
    expect([a.kind, b.kind].sort()).toEqual(['in_progress', 'placed']);
    expect(store.requests.filter((r) => r.headers['idempotency-key'] === a.record.key)).toHaveLength(1);
  });

  it('only the user who placed an order may retry it', async () => {
    const { orders } = service();
    const order = input();
    store.inject({ type: 'status', status: 500 }, { times: 100 });
    const first = await orders.place(order);
    await expect(orders.retry(first.record.key, '999', order.reply)).rejects.toSatisfy(
      (error) => error instanceof RefusalError && error.refusal.kind === 'not_yours',
    );
  });

  it('recovery re-sends a stale pending record and completes it', async () => {
    const { orders } = service();
    const order = input();
    store.inject({ type: 'hang_after_commit' }, { times: 100 });
    const first = await orders.place(order);
    expect(first.kind).toBe('unknown');
    store.clearFaults();
    const outcome = await orders.resend(first.record.key);
    expect(outcome?.kind).toBe('placed');
    expect(outcome?.record.invoice?.idempotent).toBe(true);
    expect(ledger(order.invocationId)).toHaveLength(1);
  });

  it('a placed order writes its record twice (the claim and the outcome) when the budget is free at once', async () => {
    const { orders, adapter } = service();
    const outcome = await orders.place(input());
    expect(outcome.kind).toBe('placed');
    expect(adapter.writes.get(`order:${outcome.record.key}`)).toBe(2);
  });

  it('claims the record, its open entry and both budget slots in one write when the budget is free at once', async () => {
    const { orders, adapter } = service();
    const outcome = await orders.place(input());
    expect(outcome.kind).toBe('placed');
    expect(adapter.claimWrites).toHaveLength(1);
    const [keys] = adapter.claimWrites;
    expect(keys).toEqual([
      `order:${outcome.record.key}`,
      expect.stringMatching(/^budget:inflight:\d+$/),
      expect.stringMatching(/^budget:rate:\d+$/),
      `open:${outcome.record.key}`,
    ]);
  });

  it('frees the budget slots it claimed with the record when the token cannot be had', async () => {
    const { orders, kv } = service({
      tokenFor: () => Promise.reject(new Error('token store unreachable')),
    });
    const order = input();
    await expect(orders.place(order)).rejects.toThrow('token store unreachable');
    expect(await liveKeys(kv, 'budget:inflight:')).toEqual([]);
    // The record stays pending for recovery, as when the record was claimed alone.
    expect((await orders.records.get(`discord-${order.invocationId}-1`))?.state).toBe('pending');
    expect(ledger(order.invocationId)).toHaveLength(0);
  });

  it('an order that waited for the budget past its lease extends it before the call: one call deadline from the start of the call', async () => {
    // One in-flight slot; the first order holds it for its whole deadline (1.5 s, attempts hang),
    // longer than the lease written with the second order's claim covers (budgetWaitMs, 1 s).
    const { orders, adapter } = service({ maxConcurrent: 1, maxWaitMs: 5000 });
    store.inject({ type: 'hang' }, { times: 4 });
    const first = orders.place(input());
    await until(() => store.requests.length > 0, 'the first order to reach the store');
    const second = input();
    const claimedAt = Date.now();
    const [firstOutcome, secondOutcome] = await Promise.all([first, orders.place(second)]);
    expect(firstOutcome.kind).toBe('unknown');
    expect(secondOutcome.kind).toBe('placed');
    const record = secondOutcome.record;
    // It waited about 1.5 s for the slot: the lease runs from then, for leaseMs (3 s).
    expect(record.leaseUntil - claimedAt).toBeGreaterThanOrEqual(1400 + 3000);
    expect(adapter.writes.get(`order:${record.key}`)).toBe(3);
  });

  it('records expire after 24 hours', async () => {
    let now = Date.now();
    const { orders, adapter } = service({ now: () => now });
    const outcome = await orders.place(input());
    now += RECORD_TTL_MS - 1000;
    expect(await orders.records.get(outcome.record.key)).toBeDefined();
    now += 2000;
    expect(await orders.records.get(outcome.record.key)).toBeUndefined();
    adapter.purge();
    expect(await adapter.size()).toBeLessThanOrEqual(2);
  });
});

describe('limits', () => {
  it('a second distinct order inside the cooldown is refused with the time left; the same order is not', async () => {
    const { orders } = service({ cooldownSeconds: 30 });
    const first = input();
    await orders.place(first);
    const second = input({ userId: first.userId });
    await expect(orders.place(second)).rejects.toSatisfy(
      (error) =>
        error instanceof RefusalError &&
        error.refusal.kind === 'cooldown' &&
        error.refusal.retryAfterSeconds > 25 &&
        error.refusal.retryAfterSeconds <= 30,
    );
    expect((await orders.place(first)).kind).toBe('placed');
  });

  it('a spent budget refuses with the wait, forgets the attempt and gives the cooldown back', async () => {
    const { orders, kv } = service({ perMinute: 2, maxWaitMs: 100, cooldownSeconds: 30 });
    await orders.place(input());
    await orders.place(input());
    const third = input();
    await expect(orders.place(third)).rejects.toSatisfy(
      (error) =>
        error instanceof RefusalError &&
        error.refusal.kind === 'budget' &&
        error.refusal.retryAfterSeconds > 1,
    );
    expect(await orders.records.get(`discord-${third.invocationId}-1`)).toBeUndefined();
    expect(await kv.get(`cooldown:${third.userId}`)).toBeUndefined();
    expect(ledger(third.invocationId)).toHaveLength(0);
  });

  it('a 429 from the store pauses every order until its Retry-After', async () => {
    const { orders } = service();
    const from0 = store.requests.length;
    store.inject({ type: 'rate_limit', retryAfterSeconds: 1 });
    const a = input();
    const placingA = orders.place(a);
    const limited = await until(() => store.requests.slice(from0).find((r) => r.status === 429), 'the 429');
    const b = input();
    const [outcomeA, outcomeB] = await Promise.all([placingA, orders.place(b)]);
    expect(outcomeA.kind).toBe('placed');
    expect(outcomeB.kind).toBe('placed');
    const firstOfB = store.requests.find((r) => r.headers['idempotency-key'] === outcomeB.record.key)!;
    expect(firstOfB.at - limited.at).toBeGreaterThanOrEqual(900);
  });

  it('a storage failure refuses the order before any call', async () => {
    const { orders, adapter } = service();
    adapter.claimAll = () => Promise.reject(new Error('disk full'));
    const before = store.requests.length;
    await expect(orders.place(input())).rejects.toSatisfy(
      (error) => error instanceof RefusalError && error.refusal.kind === 'storage_unavailable',
    );
    expect(store.requests.length).toBe(before);
  });
});

describe('what the user reads when the store stays busy', () => {
  it('a 429 whose Retry-After outlasts the call says how long to wait, and keeps the Retry button', async () => {
    const { orders } = service();
    store.inject({ type: 'rate_limit', retryAfterSeconds: 30 });
    const outcome = await orders.place(input());
    expect(outcome.kind).toBe('unknown');
    const reply = renderUnknown(en, 'order-retry:1:1:1:1', outcome.record.error);
    expect(reply.content).toContain('Please try again in 30 seconds.');
    expect(reply.components?.[0]?.components[0]).toMatchObject({ label: 'Retry' });
  });
});
