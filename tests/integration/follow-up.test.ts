import { REST } from 'discord.js';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock, type Clock } from '../../src/clock.js';
import { InteractionReplies } from '../../src/discord/replies.js';
import { LeuwongClient } from '../../src/leuwong/client.js';
import { TokenBudget } from '../../src/limits/budget.js';
import { Cooldown } from '../../src/limits/cooldown.js';
import { UserShare } from '../../src/limits/share.js';
import { textReply } from '../../src/messages/reply.js';
import { Notifier } from '../../src/orders/notify.js';
import { PaymentWatch } from '../../src/orders/payment-watch.js';
import { PaymentChecks } from '../../src/orders/payments.js';
import { OrderEvents } from '../../src/orders/events.js';
import { OrderRecords, RECORD_TTL_MS } from '../../src/orders/records.js';
import { Recovery } from '../../src/orders/recovery.js';
import { OrderService } from '../../src/orders/service.js';
import { WatchList } from '../../src/orders/watch-list.js';
import { Kv } from '../../src/store/kv.js';
import type { ClaimableAdapter } from '../../src/store/adapter.js';
import { MemoryAdapter } from '../../src/store/memory.js';
import { Accounts } from '../../src/tokens/accounts.js';
import { TokenVault } from '../../src/tokens/vault.js';
import { startStoreEmulator, type StoreEmulator } from '../emulators/store/index.js';
import { liveKeys } from './live-keys.js';
import { newOrder } from './new-order.js';
import { connectRedis } from './redis.js';

const TOKEN = 'lrrs_v1_payment_watch_token_0123456789';
const logger = pino({ level: 'silent' });
const MINUTE = 60_000;

let store: StoreEmulator;
beforeAll(async () => {
  store = await startStoreEmulator({ accounts: [{ token: TOKEN }], rateLimit: false });
});
afterAll(async () => {
  await store.close();
});

/** No Discord here: every notice fails and is tried again later. */
function watchNotifier(clock: Clock): Notifier {
  return new Notifier(
    new REST({ retries: 0 }).setToken('unused'),
    InteractionReplies.create('http://127.0.0.1:9'),
    clock,
  );
}

/** A clock the test moves, and the record store, which instances share. */
function shared(adapter?: ClaimableAdapter) {
  let now = Date.now();
  const clock: Clock = { now: () => now, sleep: (ms, signal) => systemClock.sleep(ms, signal) };
  const kv = new Kv(adapter ?? new MemoryAdapter(() => now));
  const advance = (ms: number) => {
    now += ms;
  };
  return { clock, kv, advance };
}

/** One instance's services on `base`'s clock and store, against the store emulator. */
function world(base = shared(), readsPerMinute = 60) {
  const { clock, kv, advance } = base;
  const now = () => clock.now();
  const api = new LeuwongClient({ baseUrl: store.baseUrl, clock: systemClock, logger });
  const records = new OrderRecords(kv, now);
  const accounts = new Accounts({
    vault: new TokenVault({ kv, key: undefined, now }),
    mode: 'off',
    operatorToken: TOKEN,
    logger,
  });
  const budget = new TokenBudget(kv, clock, {
    perMinute: 1000,
    maxConcurrent: 50,
    readsPerMinute,
    maxWaitMs: 1000,
  });
  const list = new WatchList(kv, clock, MINUTE);
  const events = new OrderEvents();
  const orders = new OrderService({
    records,
    api,
    budget,
    cooldown: new Cooldown(kv, clock, 0),
    share: new UserShare(kv, clock, 1000),
    watchList: list,
    events,
    accounts,
    clock,
    leaseMs: 30_000,
  });
  const checks = new PaymentChecks({ records, api, accounts, budget, clock, events });
  const watch = new PaymentWatch({
    list,
    records,
    checks,
    // No Discord here: every notice fails and is tried again at the next check.
    notifier: watchNotifier(clock),
    render: () => textReply('paid'),
    logger,
    intervalMs: 1000,
  });
  return { orders, records, checks, watch, kv, advance, events, clock, notifier: watchNotifier(clock) };
}

const statusReads = () => store.requests.filter((r) => r.path.endsWith('/status')).length;

describe('the payment watch', () => {
  it('never spends more than its share of the reads, and leaves users theirs, with 200 invoices pending', async () => {
    const { orders, watch, checks, kv, advance } = world();
    const placed = [];
    for (let i = 0; i < 200; i++) {
      const invocationId = String(1_700_000_000_000_000_000n + BigInt(i));
      const outcome = await orders.place(
        newOrder(invocationId, String(1_800_000_000_000_000_000n + BigInt(i))),
        logger,
      );
      placed.push(outcome.record);
    }
    expect(await liveKeys(kv, 'watch:')).toHaveLength(200);

    const checkedOnce = new Set<string>();
    for (let minute = 1; minute <= 6; minute++) {
      advance(MINUTE);
      const before = statusReads();
      await watch.runOnce();
      const reads = statusReads() - before;
      // 60 reads a minute; the watch takes at most 48 of them.
      expect(reads).toBeLessThanOrEqual(48);
      for (const record of placed) {
        if ((await orders.record(record.key))?.checkedAt !== undefined) checkedOnce.add(record.key);
      }
      // A user's press in the same minute still gets a read.
      const pressed = (await orders.record(placed[minute]!.key))!;
      delete pressed.checkedAt;
      await checks.refresh(pressed);
      expect(pressed.checkedAt).toBeDefined();
    }
    expect(checkedOnce.size).toBe(200);
  });

  it('checks each invoice once a pass with two instances on one Redis', async () => {
    const adapter = await connectRedis('watchtest');
    try {
      const base = shared(adapter);
      // Redis expires the budget's slots in real time, not on the test's clock: reads are ample.
      const [one, two] = [world(base, 1000), world(base, 1000)];
      for (let i = 0; i < 30; i++) {
        const invocationId = String(1_720_000_000_000_000_000n + BigInt(i));
        await one.orders.place(
          newOrder(invocationId, String(1_820_000_000_000_000_000n + BigInt(i))),
          logger,
        );
      }
      for (let pass = 1; pass <= 3; pass++) {
        // Each pass finds every invoice due: the next check is at most 2^pass minutes off.
        base.advance(2 ** pass * MINUTE);
        const before = statusReads();
        await Promise.all([one.watch.runOnce(), two.watch.runOnce()]);
        expect(statusReads() - before).toBe(30);
      }
    } finally {
      await adapter.disconnect();
    }
  });

  it("backs off from an invoice whose member token is gone, and keeps checking the token's others", async () => {
    const { orders, records, watch, kv, advance, clock } = world();
    const place = async (n: number) =>
      (await orders.place(newOrder(`173000000000000000${n}`, `183000000000000000${n}`), logger)).record;
    const [orphan, other] = [await place(1), await place(2)];
    // As if placed on a member's token that has since been unlinked.
    await records.save({ ...orphan, account: 'member', tokenId: 'gone' });
    advance(MINUTE);
    const before = statusReads();
    await watch.runOnce();
    expect(statusReads() - before).toBe(1);
    expect((await orders.record(other.key))?.checkedAt).toBeDefined();
    const [entry] = (await liveKeys(kv, 'watch:')).filter((key) => key.endsWith(orphan.key));
    expect(entry).toBeDefined();
    // Not due again at once: the next pass leaves it alone.
    const due = await kv.get<{ due: number }>(entry!);
    expect(due!.due).toBeGreaterThan(clock.now() + MINUTE);
  });

  it('stops watching an invoice once it is expired, without telling anyone', async () => {
    const { orders, watch, kv, advance, events } = world();
    const heard: string[] = [];
    events.on((event) => {
      heard.push(event.kind);
      return Promise.resolve();
    });
    const invocationId = '1710000000000000001';
    const { record } = await orders.place(newOrder(invocationId, '1810000000000000001'), logger);
    store.setPaymentStatus(record.invoice!.code, 'expired');
    advance(MINUTE);
    await watch.runOnce();
    expect(await liveKeys(kv, 'watch:')).toEqual([]);
    expect((await orders.record(record.key))?.invoice?.paymentStatus).toBe('expired');
    // The history hears the new status; the staff log leaves it out.
    expect(heard).toEqual(['created', 'status']);
  });
});

describe('recovery', () => {
  it('gives up on an order still unknown in its last pass, tells the staff log once, and stops', async () => {
    const { orders, records, events, clock, notifier, advance } = world();
    const heard: string[] = [];
    events.on((event) => {
      heard.push(`${event.kind}:${event.record.key}`);
      return Promise.resolve();
    });
    store.inject({ type: 'status', status: 503 }, { times: 1000 });
    try {
      const invocationId = '1720000000000000001';
      const { record } = await orders.place(newOrder(invocationId, '1820000000000000001'), logger);
      expect(record.state).toBe('unknown');
      const recovery = new Recovery({
        orders,
        records,
        notifier,
        events,
        clock,
        render: () => textReply('outcome'),
        logger,
        intervalMs: 30_000,
      });
      advance(RECORD_TTL_MS - 20_000);
      const calls = store.requests.length;
      await recovery.runOnce();
      expect(heard).toEqual([`unknown:${record.key}`]);
      expect(store.requests.length).toBe(calls);
      expect(await records.openKeys()).not.toContain(record.key);
      await recovery.runOnce();
      expect(heard).toHaveLength(1);
    } finally {
      store.clearFaults();
    }
  });
});
