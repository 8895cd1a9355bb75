import { DiscordAPIError, RESTJSONErrorCodes, Routes, type REST } from 'discord.js';
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import { NO_MENTIONS, type InteractionReplies } from '../discord/replies.js';
import type { ReplyPayload } from '../messages/reply.js';
import type { OrderRecord } from './records.js';

/**
 * Tells a user about their order after the interaction is over: in the original private reply
 * while its token lives (15 minutes), otherwise by DM, silently skipped when their DMs are closed.
 */
export class Notifier {
  constructor(
    /** The client's REST manager, for DMs. */
    private readonly rest: REST,
    private readonly replies: InteractionReplies,
    private readonly clock: Clock,
  ) {}

  /**
   * True when the user was told (or does not accept DMs); false to try again later. `dmIntro`
   * opens the DM, which lacks the context of the original reply.
   */
  async tell(record: OrderRecord, payload: ReplyPayload, dmIntro: string, log: Logger): Promise<boolean> {
    if (record.reply && record.reply.expiresAt > this.clock.now()) {
      try {
        await this.replies.edit(record.reply, payload);
        return true;
      } catch (error) {
        log.info({ err: error }, 'could not edit the original reply; sending a DM');
      }
    }
    return this.sendDm(
      record.userId,
      { ...payload, content: `${dmIntro}\n${payload.content ?? ''}`.trim() },
      log,
    );
  }

  private async sendDm(userId: string, payload: ReplyPayload, log: Logger): Promise<boolean> {
    try {
      const channel = (await this.rest.post(Routes.userChannels(), { body: { recipient_id: userId } })) as {
        id: string;
      };
      await this.rest.post(Routes.channelMessages(channel.id), {
        body: { ...payload, allowed_mentions: NO_MENTIONS },
      });
      log.info('told the user by DM');
      return true;
    } catch (error) {
      if (
        error instanceof DiscordAPIError &&
        error.code === RESTJSONErrorCodes.CannotSendMessagesToThisUser
      ) {
        log.info('the user does not accept DMs; nothing sent');
        return true;
      }
      log.warn({ err: error }, 'could not DM the user; will try again');
      return false;
    }
  }
}
