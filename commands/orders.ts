import { MessageFlags } from 'discord.js';
import { ApplicationCommandType } from 'discord-api-types/v10';
import { GUILDS_AND_DMS, localized, onButton, type Command, type CommandData } from '../src/command.js';
import type { Ctx } from '../src/context.js';
import { defineCustomId, smallIntField, snowflakeField } from '../src/custom-id.js';
import { clampPage, renderHistory } from '../src/messages/history.js';
import type { ReplyPayload } from '../src/messages/reply.js';

/**
 * `/orders` (`/pesanan`): the caller's own orders placed through this bot in the last
 * ORDER_HISTORY_DAYS, newest first, five a page. Private.
 */
export const data = {
  type: ApplicationCommandType.ChatInput,
  ...localized('orders'),
  ...GUILDS_AND_DMS,
} as const satisfies CommandData;

/** Previous / Next: the page to show, only for `user`. */
export const ordersPageId = defineCustomId('orders-page', 1, { user: snowflakeField, page: smallIntField });

export const orders: Command<typeof data> = {
  data,
  async execute(interaction, ctx) {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    await ctx.replies.edit(interaction, await historyPage(ctx, interaction.user.id, 0));
  },
  components: [
    onButton(ordersPageId, async (interaction, ctx, ids) => {
      await interaction.deferUpdate();
      await ctx.replies.edit(interaction, await historyPage(ctx, ids.user, ids.page));
    }),
  ],
};

/** One page of the user's orders; a page beyond the end is the last one. */
async function historyPage(ctx: Ctx, userId: string, requested: number): Promise<ReplyPayload> {
  const all = await ctx.history.list(userId);
  const page = clampPage(requested, all.length);
  return renderHistory(
    {
      entries: all,
      page,
      days: ctx.config.orderHistoryDays,
      apiUrl: ctx.config.leuwong.apiUrl,
      pageId: (target) => ordersPageId.encode({ user: userId, page: target }),
    },
    ctx.messages,
  );
}
