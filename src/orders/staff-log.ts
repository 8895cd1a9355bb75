import { PermissionFlagsBits, Routes, type Client } from 'discord.js';
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import { NO_MENTIONS } from '../discord/replies.js';
import { renderStaffLog } from '../messages/staff-log.js';
import type { OrderEvent } from './events.js';

/** What the bot needs in the staff channel. */
const NEEDED = [
  PermissionFlagsBits.ViewChannel,
  PermissionFlagsBits.SendMessages,
  PermissionFlagsBits.EmbedLinks,
] as const;

/**
 * ORDER_LOG_CHANNEL_ID: one message per order created, paid, refused by the store, or given up on
 * by recovery. A failure to post is logged and never reaches the customer.
 */
export class StaffLog {
  constructor(
    private readonly client: Client,
    private readonly channelId: string,
    private readonly logger: Logger,
    /** Stamps each post with when its event was heard. */
    private readonly clock: Clock,
  ) {}

  async post({ kind, record }: OrderEvent): Promise<void> {
    // Staff hear of orders created, paid, refused or given up on; other status changes are the user's.
    if (kind === 'status') return;
    const { invoice } = record;
    const payload = renderStaffLog({
      kind,
      invoiceCode: invoice?.code,
      orderType: record.body.order_type,
      robloxUsername: invoice?.robloxUsername ?? record.body.roblox_username,
      amount: invoice?.formattedAmount ?? invoice?.amount,
      paymentMethod: invoice?.paymentMethod ?? record.payment,
      account: record.account,
      userId: record.userId,
      reason: record.error?.code ?? record.error?.kind,
      reference: record.key,
      at: this.clock.now(),
    });
    try {
      await this.client.rest.post(Routes.channelMessages(this.channelId), {
        body: { ...payload, allowed_mentions: NO_MENTIONS },
      });
    } catch (error) {
      this.logger.warn({ err: error, kind, key: record.key }, 'could not post to the staff log');
    }
  }

  /** At start: says in the log whether the bot can post in the channel, and what it lacks if not. */
  async check(): Promise<void> {
    const log = this.logger.child({ channelId: this.channelId });
    try {
      const channel = await this.client.channels.fetch(this.channelId);
      if (!channel?.isSendable()) {
        log.error('ORDER_LOG_CHANNEL_ID is not a channel the bot can post in');
        return;
      }
      const me = this.client.user;
      const permissions = me && 'permissionsFor' in channel ? channel.permissionsFor(me) : null;
      const missing = permissions ? permissions.missing([...NEEDED]) : [];
      if (missing.length > 0) {
        log.error({ missing }, 'the bot lacks permissions in the staff log channel');
        return;
      }
      log.info('staff log: orders are posted to the channel');
    } catch (error) {
      log.error({ err: error }, 'the staff log channel cannot be reached (ORDER_LOG_CHANNEL_ID)');
    }
  }
}
