import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.js';
import { RefusalError } from '../../src/errors.js';
import { LeuwongClient } from '../../src/leuwong/client.js';
import { english as en } from '../../src/messages/en.js';
import { renderUnknown } from '../../src/messages/errors.js';
import { MAX_PAUSE_SECONDS, TokenBudget } from '../../src/limits/budget.js';
import { Cooldown } from '../../src/limits/cooldown.js';
import { OrderEvents } from '../../src/orders/events.js';
import { OrderRecords, RECORD_TTL_MS } from '../../src/orders/records.js';
import { OrderService, type NewOrder } from '../../src/orders/service.js';
import { UserShare } from '../../src/limits/share.js';
import { WatchList } from '../../src/orders/watch-list.js';
import { Kv } from '../../src/store/kv.js';
import { MemoryAdapter } from '../../src/store/memory.js';
import { Accounts } from '../../src/tokens/accounts.js';
import { TokenVault } from '../../src/tokens/vault.js';
import { startStoreEmulator, type StoreEmulator } from '../emulators/store/index.js';
import { until } from '../e2e/harness.js';
import { liveKeys } from './live-keys.js';
import { newOrder } from './new-order.js';

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
function input(overrides: Partial<NewOrder> = {}): NewOrder {
  sequence += 1;
  return newOrder(
    String(1_300_000_000_000_000_000n + BigInt(sequence)),
    String(1_400_000_000_000_000_000n + BigInt(sequence)),
    overrides,
  );
}

/** The memory backend, counting the writes of each key (sets, and claims that stored a value). */
class CountingAdapter extends MemoryAdapter {
  readonly writes = new Map<string, number>();
  /** The keys of each successful claimAll: one entry per write. */
  readonly claimWrites: string[][] = [];
  private count(key: string): void {
    this.writes.set(key, (this.writes.get(key) ?? 0) + 1);
  }
  override set(key: string, value: string, ttl?: number): Promise<boolean> {
    this.count(key);
    return super.set(key, value, ttl);
  }
  override async claimAll(entries: Parameters<MemoryAdapter['claimAll']>[0]): Promise<boolean> {
    const stored = await super.claimAll(entries);
    if (stored) {
      for (const entry of entries) this.count(entry.key);
      this.claimWrites.push(entries.map((entry) => entry.key));
    }
    return stored;
  }
}

function service(
  options: {
    cooldownSeconds?: number;
    perMinute?: number;
    maxConcurrent?: number;
    maxWaitMs?: number;
    /** ORDERS_PER_USER_PER_MINUTE. */
    sharePerMinute?: number;
    /** PAYMENT_WATCH on. */
    watch?: boolean;
    now?: () => number;
    /** TOKEN_ENCRYPTION_KEY of the vault; members may link when it is set. */
    key?: Buffer;
  } = {},
) {
  const adapter = new CountingAdapter(options.now);
  const kv = new Kv(adapter);
  const clock = options.now ? { ...systemClock, now: options.now } : systemClock;
  const api = new LeuwongClient({
    baseUrl: store.baseUrl,
    clock: systemClock,
    logger,
    retry: { attemptTimeoutMs: 500, deadlineMs: 1500, maxAttempts: 4, backoffBaseMs: 5, backoffCapMs: 20 },
  });
  const budget = new TokenBudget(kv, systemClock, {
    perMinute: options.perMinute ?? 1000,
    maxConcurrent: options.maxConcurrent ?? 10,
    readsPerMinute: 60,
    maxWaitMs: options.maxWaitMs ?? 1000,
  });
  const now = () => clock.now();
  const vault = new TokenVault({ kv, key: options.key, now });
  const accounts = new Accounts({
    vault,
    mode: options.key ? 'optional' : 'off',
    operatorToken: TOKEN,
    logger,
  });
  const records = new OrderRecords(kv, now);
  const orders = new OrderService({
    records,
    api,
    budget,
    cooldown: new Cooldown(kv, clock, options.cooldownSeconds ?? 0),
    share: new UserShare(kv, clock, options.sharePerMinute ?? 1000),
    watchList: options.watch ? new WatchList(kv, clock, 60_000) : undefined,
    events: new OrderEvents(),
    accounts,
    clock,
    leaseMs: 3000,
  });
  return { orders, records, kv, adapter, vault };
}

const ledger = (invocationId: string) =>
  store.ledger.filter((entry) => entry.idempotencyKey?.startsWith(`discord-${invocationId}-`));

describe('order records', () => {
  it('pending → placed: the record holds the invoice, and leaves the open index once the user saw it', async () => {
    const { orders, records } = service();
    const order = input();
    const outcome = await orders.place(order, logger);
    expect(outcome.kind).toBe('placed');
    expect(outcome.record.invoice?.code).toBe(ledger(order.invocationId)[0]?.invoiceCode);
    expect(await records.openKeys()).toContain(outcome.record.key);
    await orders.markShown(outcome, logger);
    expect(await records.openKeys()).not.toContain(outcome.record.key);
    expect((await records.get(outcome.record.key))?.state).toBe('placed');
  });

  it('pending → rejected on a definite refusal, and a second submit finds the same answer without a call', async () => {
    const { orders } = service();
    const order = input({ body: { ...input().body, roblox_username: 'NotFoundUser' } });
    const first = await orders.place(order, logger);
    expect(first.kind).toBe('rejected');
    expect(first.record.error?.kind).toBe('roblox_validation');
    const calls = store.requests.length;
    expect((await orders.place(order, logger)).kind).toBe('rejected');
    expect(store.requests.length).toBe(calls);
  });

  it('pending → unknown when retries run out, then the retry (same key, same body) places it once', async () => {
    const { orders } = service();
    const order = input();
    store.inject({ type: 'status', status: 503 }, { times: 100 });
    const first = await orders.place(order, logger);
    expect(first.kind).toBe('unknown');
    expect(first.record.calls).toBeGreaterThan(1);
    store.clearFaults();
    const retried = await orders.retry(first.record.key, order.userId, order.reply, logger);
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
    const [a, b] = await Promise.all([orders.place(order, logger), orders.place(order, logger)]);
    expect([a.kind, b.kind].sort()).toEqual(['in_progress', 'placed']);
    expect(store.requests.filter((r) => r.headers['idempotency-key'] === a.record.key)).toHaveLength(1);
  });

  it('only the user who placed an order may retry it', async () => {
    const { orders } = service();
    const order = input();
    store.inject({ type: 'status', status: 500 }, { times: 100 });
    const first = await orders.place(order, logger);
    await expect(orders.retry(first.record.key, '999', order.reply, logger)).rejects.toSatisfy(
      (error) => error instanceof RefusalError && error.refusal.kind === 'not_yours',
    );
  });

  it('two users submitting one invocation get a key and an order each', async () => {
    const { orders } = service();
    const alice = input();
    const mallory = { ...alice, userId: '1500000000000000001' };
    const [a, m] = [await orders.place(alice, logger), await orders.place(mallory, logger)];
    expect(a.record.key).not.toBe(m.record.key);
    expect(m.record.userId).toBe(mallory.userId);
    expect(m.record.invoice?.code).not.toBe(a.record.invoice?.code);
    expect(ledger(alice.invocationId)).toHaveLength(2);
  });

  it('a record under the key that is not the user’s is refused, without a call', async () => {
    const { orders, records } = service();
    const order = input();
    const placed = await orders.place(order, logger);
    await records.save({ ...placed.record, userId: '1500000000000000002' });
    const calls = store.requests.length;
    await expect(orders.place(order, logger)).rejects.toSatisfy(
      (error) => error instanceof RefusalError && error.refusal.kind === 'not_yours',
    );
    expect(store.requests.length).toBe(calls);
  });

  it('a form older than its records is not sent; one whose record lives still shows its outcome', async () => {
    const { orders, records } = service();
    const old = input({ openedAt: Date.now() - RECORD_TTL_MS + 30 * 60 * 1000 });
    await expect(orders.place(old, logger)).rejects.toSatisfy(
      (error) => error instanceof RefusalError && error.refusal.kind === 'form_stale',
    );
    expect(ledger(old.invocationId)).toHaveLength(0);
    expect(await records.get(`discord-${old.invocationId}-${old.userId}-1`)).toBeUndefined();

    const order = input();
    const placed = await orders.place(order, logger);
    const again = await orders.place({ ...order, openedAt: Date.now() - RECORD_TTL_MS }, logger);
    expect(again.record.invoice?.code).toBe(placed.record.invoice?.code);
    expect(ledger(order.invocationId)).toHaveLength(1);
  });

  it('recovery re-sends a stale pending record and completes it', async () => {
    const { orders } = service();
    const order = input();
    store.inject({ type: 'hang_after_commit' }, { times: 100 });
    const first = await orders.place(order, logger);
    expect(first.kind).toBe('unknown');
    store.clearFaults();
    const outcome = await orders.resend(first.record.key, logger);
    expect(outcome?.kind).toBe('placed');
    expect(outcome?.record.invoice?.idempotent).toBe(true);
    expect(ledger(order.invocationId)).toHaveLength(1);
  });

  it('a placed order writes its record twice: when it is claimed and with its outcome', async () => {
    const { orders, adapter } = service();
    const outcome = await orders.place(input(), logger);
    expect(outcome.kind).toBe('placed');
    expect(adapter.writes.get(`order:${outcome.record.key}`)).toBe(2);
  });

  it('claims the record and its open-index entry in one write', async () => {
    const { orders, adapter } = service();
    const outcome = await orders.place(input(), logger);
    expect(outcome.kind).toBe('placed');
    expect(adapter.claimWrites).toContainEqual([`order:${outcome.record.key}`, `open:${outcome.record.key}`]);
  });

  it('decides the account before anything is written: a member token it cannot open refuses the order', async () => {
    const { orders, kv } = service({ key: randomBytes(32) });
    const order = input();
    // Sealed with another key: the bot cannot open it, and must not order on the shop's account instead.
    const otherVault = new TokenVault({ kv, key: randomBytes(32), now: Date.now });
    await otherVault.link(order.userId, 'lrrs_v1_member_token_0123456789', {
      environment: 'sandbox',
      accountStatus: 'active',
    });
    await expect(orders.place(order, logger)).rejects.toSatisfy(
      (error) => error instanceof RefusalError && error.refusal.kind === 'relink_required',
    );
    expect(await orders.record(`discord-${order.invocationId}-${order.userId}-1`)).toBeUndefined();
    expect(await liveKeys(kv, 'budget:')).toEqual([]);
    expect(ledger(order.invocationId)).toHaveLength(0);
  });

  it('an order waiting for the budget keeps its lease: recovery leaves it alone until its call is over', async () => {
    // One in-flight slot; the first order holds it while its attempts hang.
    const { orders, records, adapter } = service({ maxConcurrent: 1, maxWaitMs: 5000 });
    store.inject({ type: 'hang' }, { times: 4 });
    const first = orders.place(input(), logger);
    await until(() => store.requests.length > 0, 'the first order to reach the store');
    const second = input();
    const placing = orders.place(second, logger);
    const key = `discord-${second.invocationId}-${second.userId}-1`;
    await until(
      () => adapter.claimWrites.some(([written]) => written === `order:${key}`),
      'the second record',
    );
    const waiting = await records.get(key);
    expect(waiting?.state).toBe('pending');
    if (!waiting) return;
    expect(orders.needsSending(waiting)).toBe(false);
    const [firstOutcome, secondOutcome] = await Promise.all([first, placing]);
    expect(firstOutcome.kind).toBe('unknown');
    expect(secondOutcome.kind).toBe('placed');
    expect(ledger(second.invocationId)).toHaveLength(1);
  });

  it('records expire after 24 hours', async () => {
    let now = Date.now();
    const { orders, kv } = service({ now: () => now });
    const outcome = await orders.place(input(), logger);
    now += RECORD_TTL_MS - 1000;
    expect(await orders.record(outcome.record.key)).toBeDefined();
    now += 2000;
    expect(await orders.record(outcome.record.key)).toBeUndefined();
    expect(await liveKeys(kv, 'open:')).toEqual([]);
  });
});

describe('limits', () => {
  it('a second distinct order inside the cooldown is refused with the time left; the same order is not', async () => {
    const { orders } = service({ cooldownSeconds: 30 });
    const first = input();
    await orders.place(first, logger);
    const second = input({ userId: first.userId });
    await expect(orders.place(second, logger)).rejects.toSatisfy(
      (error) =>
        error instanceof RefusalError &&
        error.refusal.kind === 'cooldown' &&
        error.refusal.retryAfterSeconds > 25 &&
        error.refusal.retryAfterSeconds <= 30,
    );
    expect((await orders.place(first, logger)).kind).toBe('placed');
  });

  it('a spent budget refuses with the wait, forgets the attempt and gives the cooldown back', async () => {
    const { orders, kv } = service({ perMinute: 2, maxWaitMs: 100, cooldownSeconds: 30 });
    await orders.place(input(), logger);
    await orders.place(input(), logger);
    const third = input();
    await expect(orders.place(third, logger)).rejects.toSatisfy(
      (error) =>
        error instanceof RefusalError &&
        error.refusal.kind === 'budget' &&
        error.refusal.retryAfterSeconds > 1,
    );
    expect(await orders.record(`discord-${third.invocationId}-${third.userId}-1`)).toBeUndefined();
    expect(await kv.get(`cooldown:${third.userId}`)).toBeUndefined();
    expect(ledger(third.invocationId)).toHaveLength(0);
  });

  it("a 429 from the store pauses the token's orders until its Retry-After", async () => {
    const { orders } = service();
    const from0 = store.requests.length;
    store.inject({ type: 'rate_limit', retryAfterSeconds: 1 });
    const a = input();
    const placingA = orders.place(a, logger);
    const limited = await until(() => store.requests.slice(from0).find((r) => r.status === 429), 'the 429');
    const b = input();
    const [outcomeA, outcomeB] = await Promise.all([placingA, orders.place(b, logger)]);
    expect(outcomeA.kind).toBe('placed');
    expect(outcomeB.kind).toBe('placed');
    const firstOfB = store.requests.find((r) => r.headers['idempotency-key'] === outcomeB.record.key)!;
    expect(firstOfB.at - limited.at).toBeGreaterThanOrEqual(900);
  });

  it('one user gets their share of the shop token, others keep their turn', async () => {
    const { orders, kv } = service({ sharePerMinute: 3, cooldownSeconds: 1 });
    const userId = '1600000000000000001';
    const clearCooldown = () => kv.delete(`cooldown:${userId}`);
    for (let i = 0; i < 3; i++) {
      expect((await orders.place(input({ userId }), logger)).kind).toBe('placed');
      await clearCooldown();
    }
    const fourth = input({ userId });
    await expect(orders.place(fourth, logger)).rejects.toSatisfy(
      (error) =>
        error instanceof RefusalError &&
        error.refusal.kind === 'user_share' &&
        error.refusal.retryAfterSeconds >= 59,
    );
    expect(ledger(fourth.invocationId)).toHaveLength(0);
    expect(await orders.record(`discord-${fourth.invocationId}-${userId}-1`)).toBeUndefined();
    expect(await kv.get(`cooldown:${userId}`)).toBeUndefined();
    expect((await orders.place(input(), logger)).kind).toBe('placed');
  });

  it('a Retry-After of a day pauses the token for 120 s, logged and capped', async () => {
    const lines: string[] = [];
    const log = pino({ level: 'warn' }, { write: (line: string) => void lines.push(line) });
    const { orders } = service({ maxWaitMs: 100 });
    store.inject({ type: 'rate_limit', retryAfterSeconds: 86_400 });
    const limited = await orders.place(input(), log);
    expect(limited.kind).toBe('unknown');
    expect(limited.record.error?.retryAfterSeconds).toBe(MAX_PAUSE_SECONDS);
    expect(lines.some((line) => line.includes('store asked for a long pause; capped'))).toBe(true);
    await expect(orders.place(input(), logger)).rejects.toSatisfy(
      (error) =>
        error instanceof RefusalError &&
        error.refusal.kind === 'budget' &&
        error.refusal.retryAfterSeconds <= MAX_PAUSE_SECONDS &&
        error.refusal.retryAfterSeconds > MAX_PAUSE_SECONDS - 5,
    );
  });

  it('watches the pending invoice of a placed order, not a refused one', async () => {
    const { orders, kv } = service({ watch: true });
    const placed = await orders.place(input(), logger);
    expect(placed.record.invoice?.paymentStatus).toBe('pending');
    const refused = await orders.place(
      input({ body: { ...input().body, roblox_username: 'NotFoundUser' } }),
      logger,
    );
    expect(refused.kind).toBe('rejected');
    expect(await liveKeys(kv, 'watch:')).toEqual([`watch:${placed.record.key}`]);
  });

  it('a storage failure refuses the order before any call', async () => {
    const { orders, adapter } = service();
    adapter.claimAll = () => Promise.reject(new Error('disk full'));
    const before = store.requests.length;
    await expect(orders.place(input(), logger)).rejects.toSatisfy(
      (error) => error instanceof RefusalError && error.refusal.kind === 'storage_unavailable',
    );
    expect(store.requests.length).toBe(before);
  });
});

describe('what the user reads when the store stays busy', () => {
  it('a 429 whose Retry-After outlasts the call says how long to wait, and keeps the Retry button', async () => {
    const { orders } = service();
    store.inject({ type: 'rate_limit', retryAfterSeconds: 30 });
    const outcome = await orders.place(input(), logger);
    expect(outcome.kind).toBe('unknown');
    const reply = renderUnknown(en, 'order-retry:1:1:1:1', outcome.record.error);
    expect(reply.content).toContain('Please try again in 30 seconds.');
    expect(reply.components?.[0]?.components[0]).toMatchObject({ label: 'Retry' });
  });
});
