import { DiscordAPIError, RESTJSONErrorCodes, Routes, type REST } from 'discord.js';
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { InteractionReplies } from '../discord/replies.js';
import { RefusalError } from '../errors.js';
import { messagesFor } from '../messages/index.js';
import { renderRecord } from './interactions.js';
import type { OrderRecord } from './records.js';
import type { OrderService } from './service.js';

export interface RecoveryOptions {
  orders: OrderService;
  /** The client's REST manager: DMs, when the original reply can no longer be edited. */
  rest: REST;
  replies: InteractionReplies;
  logger: Logger;
  clock: Clock;
  apiUrl: string;
  intervalMs: number;
  /** True when members can /link (changes what an operator-token balance refusal suggests). */
  linking?: boolean;
}

/**
 * Finishes what a crash, a restart or a store outage left open: re-sends unknown and stale
 * pending orders with the same key and body until the store answers, for as long as the
 * record lives (24 hours), and tells the user the outcome: in the original reply while its
 * token is valid, otherwise by DM (and silently not at all when DMs are closed).
 */
export class Recovery {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(private readonly options: RecoveryOptions) {}

  start(): void {
    const tick = () => {
      this.running ??= this.runOnce()
        .catch((error: unknown) => {
          this.options.logger.warn({ err: error }, 'recovery pass failed');
        })
        .finally(() => {
          this.running = undefined;
        });
    };
    tick();
    this.timer = setInterval(tick, this.options.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  async runOnce(): Promise<void> {
    const { orders, logger, clock } = this.options;
    for (const key of await orders.records.openKeys()) {
      const record = await orders.records.get(key);
      if (!record) continue;
      const log = logger.child({ key, recovery: true });
      if (record.state === 'placed' || record.state === 'rejected') {
        await this.notify(record, log);
        continue;
      }
      if (record.state === 'pending' && record.leaseUntil > clock.now()) continue;
      try {
        const outcome = await orders.resend(key);
        if (outcome && (outcome.kind === 'placed' || outcome.kind === 'rejected')) {
          log.info({ state: outcome.record.state }, 'recovered an open order');
          await this.notify(outcome.record, log);
        }
      } catch (error) {
        if (
          error instanceof RefusalError &&
          (error.refusal.kind === 'relink_required' || error.refusal.kind === 'token_changed')
        ) {
          // A member's order is only re-sent with the token it was placed with; that token is gone.
          log.debug({ reason: error.refusal.kind }, 'recovery waits: the member token of this order is gone');
        } else {
          log.warn({ err: error }, 'recovery could not re-send the order yet');
        }
      }
    }
  }

  private async notify(record: OrderRecord, log: Logger): Promise<void> {
    const { rest, replies, clock, apiUrl, orders } = this.options;
    const kind = record.state === 'placed' ? 'placed' : 'rejected';
    const m = messagesFor(record.locale);
    const payload = renderRecord(record, kind, m, apiUrl, undefined, this.options.linking === true);
    if (record.reply && record.reply.expiresAt > clock.now()) {
      try {
        await replies.edit(record.reply, payload);
        orders.markNotified(record);
        return;
      } catch (error) {
        log.info({ err: error }, 'could not edit the original reply; sending a DM');
      }
    }
    try {
      const channel = (await rest.post(Routes.userChannels(), { body: { recipient_id: record.userId } })) as {
        id: string;
      };
      await rest.post(Routes.channelMessages(channel.id), {
        body: {
          ...payload,
          content: `${m.recovery.dmIntro(record.invocationId)}\n${payload.content ?? ''}`.trim(),
        },
      });
      log.info('told the user the outcome by DM');
    } catch (error) {
      if (
        error instanceof DiscordAPIError &&
        error.code === RESTJSONErrorCodes.CannotSendMessagesToThisUser
      ) {
        log.info('the user does not accept DMs; outcome kept in the record');
      } else {
        log.warn({ err: error }, 'could not DM the user; will try again');
        return;
      }
    }
    orders.markNotified(record);
  }
}
