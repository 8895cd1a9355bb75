import type { Server } from 'node:http';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.js';
import { parseConfig } from '../../src/config.js';
import { startHealthServer } from '../../src/health.js';
import { LeuwongClient } from '../../src/leuwong/client.js';
import { TokenBudget } from '../../src/limits/budget.js';
import { UserShare } from '../../src/limits/share.js';
import { createMetrics, type Metrics } from '../../src/metrics.js';
import type { OrderRecord } from '../../src/orders/records.js';
import { createServices, type Services } from '../../src/services.js';
import { Kv } from '../../src/store/kv.js';
import { MemoryAdapter } from '../../src/store/memory.js';
import { startStoreEmulator, type StoreEmulator } from '../emulators/store/index.js';
import { parsePrometheus, sampleValue, type Sample } from '../support/prometheus.js';

const TOKEN = 'lrrs_v1_metrics_test_sandbox_token';

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

async function samples(metrics: Metrics): Promise<Sample[]> {
  return parsePrometheus(await metrics.registry.metrics());
}

describe('the limits’ metrics', () => {
  it('times the waits for a token’s slots and counts the budget refusals', async () => {
    const metrics = createMetrics();
    const budget = new TokenBudget(
      new Kv(new MemoryAdapter()),
      systemClock,
      { perMinute: 1000, maxConcurrent: 1, readsPerMinute: 1, maxWaitMs: 50 },
      metrics,
    );
    await budget.acquire('shop');
    await expect(budget.acquire('shop')).rejects.toMatchObject({ refusal: { kind: 'budget' } });
    await budget.takeRead('shop');
    await expect(budget.takeRead('shop')).rejects.toMatchObject({ refusal: { kind: 'read_budget' } });

    const s = await samples(metrics);
    expect(sampleValue(s, 'leuwong_budget_wait_seconds_count')).toBe(2);
    expect(sampleValue(s, 'leuwong_budget_wait_seconds_bucket', { le: '0.01' })).toBe(1);
    expect(sampleValue(s, 'leuwong_refusals_total', { kind: 'budget' })).toBe(1);
    expect(sampleValue(s, 'leuwong_refusals_total', { kind: 'read_budget' })).toBe(1);
  });

  it('counts the users refused their share of the shop token', async () => {
    const metrics = createMetrics();
    const share = new UserShare(new Kv(new MemoryAdapter()), systemClock, 1, metrics);
    await share.take('alice');
    await expect(share.take('alice')).rejects.toMatchObject({ refusal: { kind: 'user_share' } });
    expect(sampleValue(await samples(metrics), 'leuwong_refusals_total', { kind: 'user_share' })).toBe(1);
  });
});

describe('the store client’s metrics', () => {
  let store: StoreEmulator;

  function client(metrics: Metrics, baseUrl: string): LeuwongClient {
    return new LeuwongClient({
      baseUrl,
      clock: systemClock,
      logger: pino({ level: 'silent' }),
      retry: { attemptTimeoutMs: 200, deadlineMs: 2000, maxAttempts: 2, backoffBaseMs: 5, backoffCapMs: 10 },
      metrics,
    });
  }

  it('counts each attempt by route and status, timeouts and network failures included', async () => {
    store = await startStoreEmulator({ accounts: [{ token: TOKEN }], rateLimit: false });
    cleanup.push(() => store.close());
    const metrics = createMetrics();
    const api = client(metrics, store.baseUrl);
    store.inject({ type: 'status', status: 500 }, { route: 'validate', times: 1 });
    await api.validateToken(TOKEN);
    store.inject({ type: 'hang' }, { route: 'balance', times: 2 });
    await expect(api.getBalance(TOKEN)).rejects.toMatchObject({ kind: 'unavailable' });
    const closed = await startStoreEmulator({ accounts: [{ token: TOKEN }] });
    const gone = closed.baseUrl;
    await closed.close();
    await expect(client(metrics, gone).getBalance(TOKEN)).rejects.toBeDefined();

    const s = await samples(metrics);
    expect(sampleValue(s, 'leuwong_store_requests_total', { route: 'validate_token', status: '500' })).toBe(
      1,
    );
    expect(sampleValue(s, 'leuwong_store_requests_total', { route: 'validate_token', status: '200' })).toBe(
      1,
    );
    expect(sampleValue(s, 'leuwong_store_requests_total', { route: 'balance', status: 'timeout' })).toBe(2);
    expect(sampleValue(s, 'leuwong_store_requests_total', { route: 'balance', status: 'network' })).toBe(2);
    expect(sampleValue(s, 'leuwong_store_request_duration_seconds_count', { route: 'balance' })).toBe(4);
    const slow = sampleValue(s, 'leuwong_store_request_duration_seconds_bucket', {
      route: 'balance',
      le: '0.1',
    });
    expect(slow).toBe(2);
  });
});

describe('/metrics on the health port', () => {
  it('serves the registry with its gauges read from the record store at each scrape', async () => {
    const result = parseConfig({
      DISCORD_TOKEN: 'metrics.discord-bot-token.0123456789',
      LEUWONG_API_TOKEN: TOKEN,
      STORE_URL: 'memory:',
    });
    if (!result.ok) throw new Error(result.errors.join('; '));
    const services: Services = await createServices(result.config, pino({ level: 'silent' }));
    cleanup.push(() => services.close());
    const server: Server = await startHealthServer(
      { port: 0, host: '127.0.0.1' },
      () => Promise.resolve({ ok: true, checks: {} }),
      services.metrics.registry,
    );
    cleanup.push(
      () =>
        new Promise((resolve) => {
          server.close(() => {
            resolve();
          });
        }),
    );
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const scrape = async () => {
      const response = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(response.headers.get('content-type')).toBe(services.metrics.registry.contentType);
      return parsePrometheus(await response.text());
    };

    let s = await scrape();
    expect(sampleValue(s, 'leuwong_invoices_watched')).toBe(0);
    expect(sampleValue(s, 'leuwong_orders_awaiting_recovery')).toBe(0);

    const first = record('k1');
    await services.records.create(first);
    await services.records.create(record('k2'));
    await services.watchList?.add(first);
    s = await scrape();
    expect(sampleValue(s, 'leuwong_invoices_watched')).toBe(1);
    expect(sampleValue(s, 'leuwong_orders_awaiting_recovery')).toBe(2);

    await services.records.close('k2');
    await services.watchList?.remove('k1');
    s = await scrape();
    expect(sampleValue(s, 'leuwong_invoices_watched')).toBe(0);
    expect(sampleValue(s, 'leuwong_orders_awaiting_recovery')).toBe(1);
  });
});

function record(key: string): OrderRecord {
  const now = Date.now();
  return {
    key,
    state: 'pending',
    body: {
      order_type: 'gamepass',
      roblox_username: 'LeuwongUser',
      place_id: 1,
      roblox_pass_id: 2,
      payment_method: 'invoice',
      client_reference: key,
    },
    payment: 'invoice',
    userId: '100000000000000001',
    locale: 'en-US',
    invocationId: key,
    attempt: 1,
    reply: undefined,
    createdAt: now,
    updatedAt: now,
    leaseUntil: now,
    calls: 0,
    invoice: undefined,
    error: undefined,
    account: 'operator',
  };
}
