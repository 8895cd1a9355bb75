import { afterEach, describe, expect, it } from 'vitest';
import { parsePrometheus, sampleValue, type Sample } from '../support/prometheus.js';
import { placeOrder } from './flows.js';
import { freePort, startWorld, until, type World } from './harness.js';

describe('GET /metrics', () => {
  let world: World | undefined;

  afterEach(async () => {
    await world?.close();
    world = undefined;
  });

  async function scrape(port: number): Promise<Sample[]> {
    const response = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return parsePrometheus(await response.text());
  }

  /** Scrapes until `probe` holds (polled, never a fixed sleep). */
  async function scrapeUntil(port: number, probe: (samples: Sample[]) => boolean): Promise<Sample[]> {
    return until(async () => {
      const samples = await scrape(port);
      return probe(samples) && samples;
    }, 'the metrics');
  }

  it('parses as Prometheus text, and its order counter matches the orders placed', async () => {
    world = await startWorld({ store: { rateLimit: false } });
    const port = await freePort();
    await world.start({ HEALTH_PORT: String(port) });
    world.store.inject({ type: 'status', status: 503 }, { times: 1 });
    for (const userId of ['100000000000000701', '100000000000000702', '100000000000000703']) {
      const flow = await placeOrder(world, { userId });
      expect(flow.reply.embeds?.[0]?.title).toMatch(/^Invoice /);
    }
    expect(world.store.ledger).toHaveLength(3);

    const samples = await scrapeUntil(port, (s) => sampleValue(s, 'leuwong_orders_awaiting_recovery') === 0);
    const value = (name: string, labels: Record<string, string> = {}) => sampleValue(samples, name, labels);
    expect(value('leuwong_orders_total', { outcome: 'placed', account: 'operator' })).toBe(
      world.store.ledger.length,
    );
    expect(value('leuwong_orders_total', { outcome: 'unknown', account: 'operator' })).toBeUndefined();
    expect(value('leuwong_store_requests_total', { route: 'create_order', status: '503' })).toBe(1);
    expect(value('leuwong_store_requests_total', { route: 'create_order', status: '201' })).toBe(3);
    expect(value('leuwong_store_requests_total', { route: 'validate_token', status: '200' })).toBeGreaterThan(
      0,
    );
    expect(value('leuwong_store_request_duration_seconds_count', { route: 'create_order' })).toBe(4);
    expect(value('leuwong_interaction_ack_seconds_count', { type: 'command' })).toBe(3);
    expect(value('leuwong_interaction_ack_seconds_count', { type: 'modal' })).toBe(3);
    expect(value('leuwong_interaction_ack_seconds_bucket', { type: 'modal', le: '3' })).toBe(3);
    expect(value('leuwong_budget_wait_seconds_count')).toBeGreaterThanOrEqual(3);
    expect(value('leuwong_invoices_watched')).toBe(3);
    expect(value('leuwong_ready')).toBe(1);
    expect(value('process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(samples.some((s) => s.name.startsWith('nodejs_eventloop_lag'))).toBe(true);
  });
});
