import { ApplicationCommandType } from 'discord-api-types/v10';
import { acknowledge, type Command, type CommandData, GUILDS_AND_DMS, localized } from '../src/command.js';
import { textReply } from '../src/messages/render.js';
import { unlinkToken } from '../src/tokens/link.js';

/**
 * `/unlink`: deletes the member's token from the bot at once. Works even when linking has been
 * turned off since, so a member can always take their token back.
 */
export const data = {
  type: ApplicationCommandType.ChatInput,
  ...localized('unlink'),
  ...GUILDS_AND_DMS,
} as const satisfies CommandData;

export const unlink: Command<typeof data> = {
  data,
  async execute(interaction, ctx) {
    await acknowledge(interaction, ctx);
    const removed = await unlinkToken(ctx, interaction.user.id);
    await ctx.replies.edit(
      interaction,
      textReply(removed ? ctx.m.link.unlinked : ctx.m.link.nothingToUnlink),
    );
  },
};
