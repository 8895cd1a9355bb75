import { MessageFlags } from 'discord.js';
import { ApplicationCommandType } from 'discord-api-types/v10';
import { GUILDS_AND_DMS, localized, type Command, type CommandData } from '../src/command.js';
import { textReply } from '../src/messages/reply.js';
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
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const removed = await unlinkToken(ctx, interaction.user.id);
    await ctx.replies.edit(
      interaction,
      textReply(removed ? ctx.messages.link.unlinked : ctx.messages.link.nothingToUnlink),
    );
  },
};
