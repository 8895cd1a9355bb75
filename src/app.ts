import { Status, type Client } from 'discord.js';
import type { Server } from 'node:http';
import type { Logger } from 'pino';
import { commands } from '../commands/index.js';
import { AckFirst } from './acks.js';
import { systemClock, type Clock } from './clock.js';
import type { Config } from './config.js';
import type { Deps } from './context.js';
import type { DiscordConnection } from './discord/connection.js';
import { deployCommands, readRegisteredCommands } from './discord/deploy.js';
import { InteractionReplies } from './discord/replies.js';
import { UpstreamError } from './errors.js';
import { startHealthServer } from './health.js';
import { DEFAULT_RETRY, LeuwongClient, type RetryPolicy } from './leuwong/client.js';
import { OrderBudget } from './orders/limiter.js';
import { Recovery } from './orders/recovery.js';
import { OrderService } from './orders/service.js';
import { IdleWork, collectYoungGeneration, v8YoungGeneration, youngGenerationCollector } from './idle.js';
import { createRouter } from './router.js';
import { openKv } from './store/kv.js';
import { addSecret } from './logger.js';
import { MemberAccounts } from './tokens/accounts.js';
import { TokenVault } from './tokens/vault.js';

export interface BotOptions {
  clock?: Clock;
  retry?: Partial<RetryPolicy>;
  recoveryIntervalMs?: number;
  /** How long shutdown waits for in-flight orders. */
  drainMs?: number;
  /**
   * The logger's list of secrets (createLogger's `secrets`, the same array): every member token the
   * bot accepts or opens is added to it, so no log line can carry one.
   */
  secrets?: string[];
}

export interface Bot {
  client: Client;
  deps: Deps;
  stop(): Promise<void>;
}

/** How long an order may wait for a slot of the token's budget before the user is told to try later. */
const BUDGET_WAIT_MS = 10_000;

/** Housekeeping between bursts (see IdleWork): after 100 ms without an interaction in progress. */
const IDLE_QUIET_MS = 100;
/** The young generation is collected then if it is at least a quarter full. */
const IDLE_GC_MIN_SHARE = 0.25;

/** Thrown when the LeuwongRR token is refused at start: the process must not run. */
export class InvalidTokenError extends Error {
  override readonly name = 'InvalidTokenError';
}

/**
 * Builds every part from the configuration while the gateway connection (already started, see
 * src/discord/connection.ts) completes, checks the LeuwongRR token once it has, registers the
 * commands, and returns a handle to stop it.
 */
export async function startBot(
  config: Config,
  logger: Logger,
  discord: DiscordConnection,
  options: BotOptions = {},
): Promise<Bot> {
  const { client } = discord;
  const clock = options.clock ?? systemClock;
  const timeoutMs = config.leuwong.timeoutSeconds * 1000;
  const retry: RetryPolicy = {
    ...DEFAULT_RETRY,
    attemptTimeoutMs: timeoutMs,
    deadlineMs: 4 * timeoutMs,
    ...options.retry,
  };
  const api = new LeuwongClient({ baseUrl: config.leuwong.apiUrl, clock, logger, retry });

  // A refused token is fatal; an unreachable store is not (it must not crash-loop the bot).
  let tokenValid: boolean | undefined;
  const checkToken = async (): Promise<void> => {
    try {
      const info = await api.validateToken(config.leuwong.token, AbortSignal.timeout(15_000));
      tokenValid = true;
      logger.info(
        { environment: info.environment ?? 'unknown', accountStatus: info.accountStatus ?? 'unknown' },
        'LeuwongRR token is valid',
      );
    } catch (error) {
      if (error instanceof UpstreamError && error.kind === 'unauthorized') {
        throw new InvalidTokenError(
          'The LeuwongRR token (LEUWONG_API_TOKEN) is invalid, expired or revoked: create a new one at https://leuwongrr.online/user/api-access',
        );
      }
      if (error instanceof UpstreamError && error.kind === 'forbidden') {
        tokenValid = false;
        logger.error('the LeuwongRR account that owns the token is not active or not eligible for the API');
        return;
      }
      logger.warn(
        { err: error },
        'LeuwongRR cannot be reached at start; the bot starts anyway and checks again later',
      );
    }
  };
  // Checked once the gateway is ready, before the commands are registered. Node's fetch sets itself
  // up on its first call (the first token check takes 25-35 ms of CPU, the next ones 5-10); made
  // while READY and the guilds stream in, that delayed READY by as much, on the thread that receives
  // them. What Discord has registered is read meanwhile (asked first, its answer comes back while
  // the token is checked: one round trip to Discord less before the bot is ready); the commands are
  // written, if they differ, only once the token is accepted.
  const applicationIdOf = () => config.discord.applicationId ?? client.application?.id ?? client.user?.id;
  const registered = discord.ready.then(() => {
    const applicationId = applicationIdOf();
    return applicationId === undefined
      ? undefined
      : readRegisteredCommands(client.rest, applicationId, config.discord.guildId);
  });
  registered.catch(() => undefined);
  const tokenChecked = discord.ready.then(checkToken);
  tokenChecked.catch(() => undefined);
  const tokenTimer = setInterval(() => {
    if (tokenValid === true) return;
    checkToken().catch((error: unknown) => {
      logger.error({ err: error }, 'the LeuwongRR token was refused');
    });
  }, 60_000);
  tokenTimer.unref();

  const kv = await openKv(config.storeUrl, logger);
  const budget = new OrderBudget(kv, clock, {
    perMinute: config.leuwong.ordersPerMinute,
    maxConcurrent: config.leuwong.maxConcurrent,
    maxWaitMs: BUDGET_WAIT_MS,
  });
  const secrets = options.secrets;
  const vault = new TokenVault({
    kv,
    key: config.personalTokens.encryptionKey,
    now: () => clock.now(),
    ...(secrets
      ? {
          onSecret: (token: string) => {
            addSecret(secrets, token);
          },
        }
      : {}),
  });
  const members = new MemberAccounts({ vault, mode: config.personalTokens.mode, logger });
  logger.info(
    { personalTokens: config.personalTokens.mode },
    members.enabled
      ? 'members can link their own LeuwongRR token (/link)'
      : 'personal tokens are off: every order uses LEUWONG_API_TOKEN',
  );
  const orders = new OrderService({
    kv,
    api,
    budget,
    clock,
    logger,
    cooldownSeconds: config.orderCooldownSeconds,
    tokenFor: () => Promise.resolve(config.leuwong.token),
    members,
    leaseMs: retry.deadlineMs + 2_000,
    budgetWaitMs: BUDGET_WAIT_MS,
  });
  const replies = InteractionReplies.create(config.discord.apiUrl);
  const deps: Deps = {
    config,
    logger,
    api,
    kv,
    orders,
    clock,
    members,
    acks: new AckFirst(),
    replies,
  };

  let accepting = true;
  const inflight = new Set<Promise<void>>();
  const router = createRouter(commands, deps, { accepting: () => accepting });
  const idleWork = new IdleWork(
    {
      quietMs: IDLE_QUIET_MS,
      busy: () => inflight.size > 0,
      // The process's own time, not the injected clock: this is about what the event loop is doing.
      now: () => performance.now(),
      onError: (error) => {
        logger.warn({ err: error }, 'housekeeping between interactions failed');
      },
    },
    [
      () => {
        kv.maintain();
      },
      collectYoungGeneration({
        minShare: IDLE_GC_MIN_SHARE,
        young: v8YoungGeneration,
        collect: youngGenerationCollector(),
      }),
    ],
  );
  discord.onInteraction((interaction) => {
    const task = router.handle(interaction).finally(() => {
      inflight.delete(task);
      if (inflight.size === 0) idleWork.idle();
    });
    inflight.add(task);
  });

  const recovery = new Recovery({
    orders,
    rest: client.rest,
    replies,
    logger,
    clock,
    apiUrl: config.leuwong.apiUrl,
    intervalMs: options.recoveryIntervalMs ?? config.recoveryIntervalSeconds * 1000,
    linking: members.enabled,
  });

  // Up while the gateway connects: /healthz answers at once, /readyz once the bot can take orders.
  let health: Server | undefined;
  if (config.health) {
    health = await startHealthServer(config.health.port, config.health.host, {
      ready: async () => {
        const store = await kv.ping().then(
          () => true,
          () => false,
        );
        const checks = {
          gateway: client.isReady() && client.ws.status === Status.Ready,
          store,
          token: tokenValid === true,
        };
        return { ok: Object.values(checks).every(Boolean), checks };
      },
    });
    logger.info({ port: config.health.port, host: config.health.host }, 'health endpoint listening');
  }

  try {
    await Promise.all([tokenChecked, discord.ready]);
  } catch (error) {
    clearInterval(tokenTimer);
    await client.destroy();
    replies.destroy();
    health?.close();
    await kv.close();
    throw error;
  }
  const applicationId = applicationIdOf();
  if (applicationId) {
    try {
      const result = await deployCommands(
        client.rest,
        applicationId,
        config.discord.guildId,
        commands,
        await registered,
      );
      logger.info(result, result.changed ? 'slash commands registered' : 'slash commands up to date');
    } catch (error) {
      logger.warn({ err: error }, 'could not register the slash commands; run npm run deploy-commands');
    }
  }
  recovery.start();

  return {
    client,
    deps,
    async stop() {
      accepting = false;
      clearInterval(tokenTimer);
      idleWork.stop();
      const drain = Promise.allSettled([...inflight]);
      const limit = new Promise((resolve) => setTimeout(resolve, options.drainMs ?? 60_000).unref());
      if (inflight.size > 0) logger.info({ inflight: inflight.size }, 'waiting for in-flight orders');
      await Promise.race([drain, limit]);
      await recovery.stop();
      await orders.flush();
      await client.destroy();
      replies.destroy();
      health?.close();
      await kv.close();
    },
  };
}
