import type { Logger } from 'pino';
import { systemClock, type Clock } from './clock.js';
import type { Config } from './config.js';
import type { Deps } from './context.js';
import { InteractionReplies } from './discord/replies.js';
import { DEFAULT_RETRY, LeuwongClient, type RetryPolicy } from './leuwong/client.js';
import { addSecret, removeSecret } from './logger.js';
import { addStoreGauges, createMetrics, type Metrics } from './metrics.js';
import { TokenBudget } from './limits/budget.js';
import { Cooldown } from './limits/cooldown.js';
import { OrderRecords } from './orders/records.js';
import { OrderEvents } from './orders/events.js';
import { OrderHistory } from './orders/history.js';
import { PaymentChecks } from './orders/payments.js';
import { OrderService, type OrderServiceDeps } from './orders/service.js';
import { WatchList } from './orders/watch-list.js';
import { UserShare } from './limits/share.js';
import { openKv, type Kv } from './store/kv.js';
import { Accounts } from './tokens/accounts.js';
import { StoreReads } from './limits/reads.js';
import { refuseStoredTokensWithoutKey } from './tokens/stored-check.js';
import { TokenVault } from './tokens/vault.js';

export interface ServiceOptions {
  clock?: Clock;
  retry?: Partial<RetryPolicy>;
  /** The metrics registry to fill; a fresh one by default. */
  metrics?: Metrics;
  /** The logger's list of secrets: member tokens the vault accepts or opens join it, and leave it when deleted. */
  secrets?: string[];
}

export interface Services extends Deps {
  records: OrderRecords;
  /** Orders created, paid, refused or given up on, for the staff log and the order history. */
  events: OrderEvents;
  /** The pending invoices watched for their payment; undefined with PAYMENT_WATCH=off. */
  watchList: WatchList | undefined;
  close(): Promise<void>;
}

/** How long an order may wait for a slot of the token's budget before the user is told to try later. */
const BUDGET_WAIT_MS = 10_000;
/** Seconds a user waits between two asks to the store (/link, /account). */
const READ_COOLDOWN_SECONDS = 10;
const DAY_MS = 24 * 60 * 60 * 1000;
/** How long beyond its budget wait and its call an order's sender is trusted before recovery takes over. */
const LEASE_MARGIN_MS = 2_000;

/** Builds every service of the bot from the configuration; `close` releases what they hold. */
export async function createServices(
  config: Config,
  logger: Logger,
  options: ServiceOptions = {},
): Promise<Services> {
  const clock = options.clock ?? systemClock;
  const metrics = options.metrics ?? createMetrics();
  const { api, retry } = createApi(config, clock, logger, metrics, options.retry);
  const kv = await openKv(config.storeUrl, logger);
  const accounts = await openAccounts(config, kv, clock, logger, options.secrets);
  const budget = new TokenBudget(
    kv,
    clock,
    {
      perMinute: config.leuwong.ordersPerMinute,
      maxConcurrent: config.leuwong.maxConcurrent,
      readsPerMinute: config.leuwong.readsPerMinute,
      maxWaitMs: BUDGET_WAIT_MS,
    },
    metrics,
  );
  const leaseMs = BUDGET_WAIT_MS + retry.deadlineMs + LEASE_MARGIN_MS;
  const { records, watchList, events, orders } = createOrders(config, kv, metrics, {
    clock,
    api,
    budget,
    accounts,
    leaseMs,
  });
  const history = new OrderHistory(kv, () => clock.now(), config.orderHistoryDays * DAY_MS, logger);
  events.on((event) => history.hear(event));
  const replies = InteractionReplies.create(config.discord.apiUrl);
  return {
    config,
    logger,
    clock,
    kv,
    api,
    orders,
    payments: new PaymentChecks({ records, api, accounts, budget, clock, events }),
    history,
    accounts,
    reads: new StoreReads(kv, clock, budget, READ_COOLDOWN_SECONDS),
    replies,
    records,
    watchList,
    events,
    metrics,
    async close() {
      replies.destroy();
      await kv.close();
    },
  };
}

/** The store's API client: each attempt timed out after LEUWONG_TIMEOUT_SECONDS, four in all. */
function createApi(
  config: Config,
  clock: Clock,
  logger: Logger,
  metrics: Metrics,
  override: Partial<RetryPolicy> | undefined,
): { api: LeuwongClient; retry: RetryPolicy } {
  const timeoutMs = config.leuwong.timeoutSeconds * 1000;
  const retry: RetryPolicy = {
    ...DEFAULT_RETRY,
    attemptTimeoutMs: timeoutMs,
    deadlineMs: 4 * timeoutMs,
    ...override,
  };
  const api = new LeuwongClient({ baseUrl: config.leuwong.apiUrl, clock, logger, retry, metrics });
  return { api, retry };
}

/**
 * Which account pays for an order, once the start-up check on members' stored tokens has passed
 * (when it stops the start, the record store is closed first).
 */
async function openAccounts(
  config: Config,
  kv: Kv,
  clock: Clock,
  logger: Logger,
  secrets: string[] | undefined,
): Promise<Accounts> {
  const vault = createVault(config, kv, clock, secrets);
  let unchecked: boolean;
  try {
    unchecked = await refuseStoredTokensWithoutKey(config.personalTokens, vault, logger);
  } catch (error) {
    await kv.close();
    throw error;
  }
  return createAccounts(config, vault, logger, unchecked);
}

/** The order records, the payment watch list, the orders' events, and the service that places orders. */
function createOrders(
  config: Config,
  kv: Kv,
  metrics: Metrics,
  deps: Pick<OrderServiceDeps, 'api' | 'budget' | 'accounts' | 'clock' | 'leaseMs'>,
) {
  const { clock } = deps;
  const records = new OrderRecords(kv, () => clock.now());
  const watchList =
    config.paymentWatch && new WatchList(kv, clock, config.paymentWatch.firstCheckSeconds * 1000);
  const events = new OrderEvents();
  const orders = new OrderService({
    ...deps,
    records,
    watchList,
    events,
    cooldown: new Cooldown(kv, clock, config.orderCooldownSeconds),
    share: new UserShare(kv, clock, config.ordersPerUserPerMinute, metrics),
    metrics,
  });
  addStoreGauges(metrics, {
    watchedInvoices: async () => (watchList ? await watchList.count() : 0),
    awaitingRecovery: async () => (await records.openKeys()).length,
  });
  return { records, watchList, events, orders };
}

/** The sealed store of members' tokens, which keeps the log scrubber's list of them up to date. */
function createVault(config: Config, kv: Kv, clock: Clock, secrets: string[] | undefined): TokenVault {
  return new TokenVault({
    kv,
    key: config.personalTokens.encryptionKey,
    now: () => clock.now(),
    ...(secrets ? scrubberHooks(secrets) : {}),
  });
}

/** Members' tokens join the scrubber's list while in use and leave it when deleted; the operator's secrets (the list at start) stay. */
function scrubberHooks(secrets: string[]) {
  const operator = [...secrets];
  return {
    onSecret: (token: string) => {
      addSecret(secrets, token);
    },
    onForget: (token: string) => {
      removeSecret(secrets, token, operator);
    },
  };
}

/** Members' own tokens (PERSONAL_TOKENS, TOKEN_ENCRYPTION_KEY), and the operator's for everyone else. */
function createAccounts(
  config: Config,
  vault: TokenVault,
  logger: Logger,
  guardStoredTokens: boolean,
): Accounts {
  const accounts = new Accounts({
    vault,
    mode: config.personalTokens.mode,
    operatorToken: config.leuwong.token,
    guardStoredTokens,
    logger,
  });
  logger.info(
    { personalTokens: config.personalTokens.mode },
    accounts.linking
      ? 'members can link their own LeuwongRR token (/link)'
      : 'personal tokens are off: every order uses LEUWONG_API_TOKEN',
  );
  return accounts;
}
