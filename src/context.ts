import type { Logger } from 'pino';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { InteractionReplies } from './discord/replies.js';
import type { LeuwongClient } from './leuwong/client.js';
import type { Messages } from './messages/index.js';
import type { Metrics } from './metrics.js';
import type { OrderHistory } from './orders/history.js';
import type { PaymentChecks } from './orders/payments.js';
import type { OrderService } from './orders/service.js';
import type { Kv } from './store/kv.js';
import type { Accounts } from './tokens/accounts.js';
import type { StoreReads } from './limits/reads.js';

/** Everything a handler needs, passed in so a test builds the real thing with a fake at the edge. */
export interface Deps {
  config: Config;
  logger: Logger;
  clock: Clock;
  kv: Kv;
  api: LeuwongClient;
  orders: OrderService;
  /** Check payment: invoice status reads. */
  payments: PaymentChecks;
  /** Each user's orders, for /orders. */
  history: OrderHistory;
  /** Which account an order uses, and members' own linked tokens (/link, /unlink, /account). */
  accounts: Accounts;
  /** A user's asks to the store (/link, /account), within their cooldown and the token's reads. */
  reads: StoreReads;
  /** Edits an interaction's original response. */
  replies: InteractionReplies;
  /** The Prometheus metrics served at /metrics. */
  metrics: Metrics;
}

/** Deps plus what belongs to one interaction: its logger and its user's language. */
export interface Ctx extends Deps {
  /** The interaction's logger: every line carries its ID, user and command. */
  log: Logger;
  /** The catalogue of the user's language. */
  messages: Messages;
}
