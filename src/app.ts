import { Events, Status, type Client } from 'discord.js';
import type { Logger } from 'pino';
import { commands } from '../commands/index.js';
import { renderOutcome } from '../commands/order/outcome.js';
import type { Config } from './config.js';
import { createDiscordClient } from './discord/client.js';
import { registerCommands } from './discord/deploy.js';
import { startHealthServer } from './health.js';
import { addReadinessGauge } from './metrics.js';
import { messagesFor } from './messages/index.js';
import type { ReplyPayload } from './messages/reply.js';
import { Notifier } from './orders/notify.js';
import { PaymentWatch } from './orders/payment-watch.js';
import { Recovery } from './orders/recovery.js';
import type { Outcome } from './orders/service.js';
import { StaffLog } from './orders/staff-log.js';
import { createRouter } from './router.js';
import { createServices, type ServiceOptions, type Services } from './services.js';
import { TokenCheck } from './token-check.js';

export { InvalidTokenError } from './token-check.js';

export interface BotOptions extends ServiceOptions {
  recoveryIntervalMs?: number;
  /** How long shutdown waits for the interactions in flight. */
  drainMs?: number;
}

export interface Bot {
  client: Client;
  /** Stops taking interactions, lets those in flight finish, then closes everything. */
  stop(): Promise<void>;
}

const DEFAULT_DRAIN_MS = 60_000;

/**
 * Starts the bot: builds its services, connects to Discord, checks the LeuwongRR token (a refused
 * one is fatal), registers the commands when Discord's copy differs, and starts recovery.
 */
export async function startBot(config: Config, logger: Logger, options: BotOptions = {}): Promise<Bot> {
  const services = await createServices(config, logger, options);
  const client = createDiscordClient(config.discord.apiUrl);
  const token = new TokenCheck(services.api, config.leuwong.token, logger);
  const interactions = acceptInteractions(client, services);
  const notifier = new Notifier(client.rest, services.replies, services.clock);
  const recovery = createRecovery(notifier, services, options.recoveryIntervalMs);
  const watch = createPaymentWatch(notifier, services);
  const staffLog = createStaffLog(client, services);
  addReadinessGauge(services.metrics, async () => (await readiness(client, services, token)).ok);
  const health =
    config.health &&
    (await startHealthServer(
      config.health,
      () => readiness(client, services, token),
      services.metrics.registry,
    ));

  const close = async () => {
    token.stop();
    await client.destroy();
    health?.close();
    await services.close();
  };
  try {
    const applicationId = await connect(client, config.discord.token, logger);
    await registerCommands({
      rest: client.rest,
      applicationId: config.discord.applicationId ?? applicationId,
      guildId: config.discord.guildId,
      commands: commands.map((command) => command.data),
      logger,
      beforeWriting: () => token.check(),
    });
  } catch (error) {
    await close();
    throw error;
  }
  token.recheckUntilValid();
  recovery.start();
  watch?.start();
  await staffLog?.check();

  return {
    client,
    async stop() {
      await interactions.drain(options.drainMs ?? DEFAULT_DRAIN_MS, logger);
      await recovery.stop();
      await watch?.stop();
      await close();
    },
  };
}

/** An order's outcome as the order command renders it, in its user's own language. */
function outcomeRenderer(services: Services): (outcome: Outcome) => ReplyPayload {
  return (outcome) =>
    renderOutcome(outcome, {
      messages: messagesFor(outcome.record.locale),
      apiUrl: services.config.leuwong.apiUrl,
      linking: services.accounts.linking,
    });
}

/** Recovery, telling users their outcome with the order command's renderer, in their own language. */
function createRecovery(notifier: Notifier, services: Services, intervalMs: number | undefined): Recovery {
  const { config } = services;
  return new Recovery({
    orders: services.orders,
    records: services.records,
    notifier,
    events: services.events,
    clock: services.clock,
    render: outcomeRenderer(services),
    logger: services.logger,
    intervalMs: intervalMs ?? config.recoveryIntervalSeconds * 1000,
  });
}

/** The staff log (ORDER_LOG_CHANNEL_ID), listening to the orders' events. */
function createStaffLog(client: Client, services: Services): StaffLog | undefined {
  const channelId = services.config.orderLogChannelId;
  if (channelId === undefined) return undefined;
  const staffLog = new StaffLog(client, channelId, services.logger, services.clock);
  services.events.on((event) => staffLog.post(event));
  return staffLog;
}

/** The payment watch (PAYMENT_WATCH), telling users with the order command's renderer. */
function createPaymentWatch(notifier: Notifier, services: Services): PaymentWatch | undefined {
  const { config, watchList } = services;
  if (!watchList || !config.paymentWatch) return undefined;
  const render = outcomeRenderer(services);
  return new PaymentWatch({
    list: watchList,
    records: services.records,
    checks: services.payments,
    notifier,
    render: (record) => render({ kind: 'placed', record }),
    logger: services.logger,
    // Looked at twice per first wait, and at least every 30 s.
    intervalMs: Math.min(30_000, Math.max(500, (config.paymentWatch.firstCheckSeconds * 1000) / 2)),
  });
}

/** Routes every interaction, and keeps track of the ones in flight so that shutdown can let them finish. */
function acceptInteractions(client: Client, services: Services) {
  let accepting = true;
  const inflight = new Set<Promise<void>>();
  const router = createRouter(commands, services, () => accepting);
  client.on(Events.InteractionCreate, (interaction) => {
    const task = router.handle(interaction).finally(() => inflight.delete(task));
    inflight.add(task);
  });
  return {
    async drain(limitMs: number, logger: Logger): Promise<void> {
      accepting = false;
      if (inflight.size > 0) logger.info({ inflight: inflight.size }, 'waiting for in-flight orders');
      const limit = new Promise((resolve) => setTimeout(resolve, limitMs).unref());
      await Promise.race([Promise.allSettled([...inflight]), limit]);
    },
  };
}

/** Logs in; resolves with the application's ID once the client is ready (READY and the guilds received). */
async function connect(client: Client, token: string, logger: Logger): Promise<string> {
  client.on(Events.Error, (error) => {
    logger.error({ err: error }, 'discord client error');
  });
  client.on(Events.ShardDisconnect, (event) => {
    logger.warn({ code: event.code }, 'gateway disconnected');
  });
  client.on(Events.ShardResume, () => {
    logger.info('gateway resumed');
  });
  const ready = new Promise<string>((resolve) => {
    client.once(Events.ClientReady, (c) => {
      logger.info({ user: c.user.tag, guilds: c.guilds.cache.size }, 'connected to Discord');
      resolve(c.application.id);
    });
  });
  await client.login(token);
  return ready;
}

/** /readyz: the gateway is connected, the record store answers and the LeuwongRR token was accepted. */
async function readiness(client: Client, services: Services, token: TokenCheck) {
  const store = await services.kv.ping().then(
    () => true,
    () => false,
  );
  const checks = {
    gateway: client.isReady() && client.ws.status === Status.Ready,
    store,
    token: token.valid === true,
  };
  return { ok: Object.values(checks).every(Boolean), checks };
}
