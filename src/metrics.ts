import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Where an interaction came from, for its acknowledgement latency. */
export type InteractionType = 'command' | 'modal' | 'button';

/** The bot's Prometheus metrics, on a registry of its own (served at /metrics on the health port). */
export interface Metrics {
  registry: Registry;
  /** Each send's outcome: placed, rejected or unknown, by the account that placed it. */
  orders: Counter<'outcome' | 'account'>;
  /** Each attempt at the store: route is the operation, status the HTTP status, `network` or `timeout`. */
  storeRequests: Counter<'route' | 'status'>;
  storeSeconds: Histogram<'route'>;
  /** From the interaction's creation to its first defer, reply or modal. */
  ackSeconds: Histogram<'type'>;
  /** Time an order waited for its token's budget slots, whether it got them or not. */
  budgetWaitSeconds: Histogram;
  /** Limits that refused a user or a check: budget, read_budget, user_share. */
  refusals: Counter<'kind'>;
}

/** What the gauges read from the record store when scraped. */
export interface GaugeSources {
  watchedInvoices(): Promise<number>;
  awaitingRecovery(): Promise<number>;
}

/** A fresh registry with the bot's metrics and the process metrics (CPU, memory, event loop, GC). */
export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    orders: new Counter({
      name: 'leuwong_orders_total',
      help: 'Orders sent to the store, by outcome (placed, rejected, unknown) and account (operator, member).',
      labelNames: ['outcome', 'account'],
      registers,
    }),
    storeRequests: new Counter({
      name: 'leuwong_store_requests_total',
      help: 'Requests to the LeuwongRR store, by route and HTTP status (or network, timeout, aborted).',
      labelNames: ['route', 'status'],
      registers,
    }),
    storeSeconds: new Histogram({
      name: 'leuwong_store_request_duration_seconds',
      help: 'Time of one request to the LeuwongRR store, by route.',
      labelNames: ['route'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
      registers,
    }),
    ackSeconds: new Histogram({
      name: 'leuwong_interaction_ack_seconds',
      help: 'Time from an interaction’s creation to its acknowledgement (defer, reply or modal), by type.',
      labelNames: ['type'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5],
      registers,
    }),
    budgetWaitSeconds: new Histogram({
      name: 'leuwong_budget_wait_seconds',
      help: 'Time an order waited for its token’s rate and in-flight slots.',
      buckets: [0.01, 0.1, 0.5, 1, 2, 5, 10],
      registers,
    }),
    refusals: new Counter({
      name: 'leuwong_refusals_total',
      help: 'Requests refused by a limit: budget, read_budget or user_share.',
      labelNames: ['kind'],
      registers,
    }),
  };
}

/** The gauges read on each scrape: invoices watched for their payment, records awaiting recovery. */
export function addStoreGauges(metrics: Metrics, sources: GaugeSources): void {
  const registers = [metrics.registry];
  new Gauge({
    name: 'leuwong_invoices_watched',
    help: 'Pending invoices watched for their payment.',
    registers,
    async collect() {
      this.set(await sources.watchedInvoices());
    },
  });
  new Gauge({
    name: 'leuwong_orders_awaiting_recovery',
    help: 'Order records not yet closed: pending, unknown, or final but not yet shown to the user.',
    registers,
    async collect() {
      this.set(await sources.awaitingRecovery());
    },
  });
}

/** `leuwong_ready`: 1 when /readyz would answer 200 (gateway, record store and token all fine), read on each scrape. */
export function addReadinessGauge(metrics: Metrics, ready: () => Promise<boolean>): void {
  new Gauge({
    name: 'leuwong_ready',
    help: '1 when the bot can take orders (gateway connected, record store answering, token accepted), else 0.',
    registers: [metrics.registry],
    async collect() {
      this.set((await ready()) ? 1 : 0);
    },
  });
}
