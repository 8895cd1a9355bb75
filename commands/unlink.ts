import { MessageFlags } from 'discord.js';
import {
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
} from 'discord-api-types/v10';
import type { Command, CommandData } from '../src/command.js';
import { en } from '../src/messages/en.js';
import { id } from '../src/messages/id.js';
import { textReply } from '../src/messages/render.js';
import { unlinkToken } from '../src/tokens/link.js';

/**
 * `/unlink`: deletes the member's token from the bot at once. Works even when linking has been
 * turned off since, so a member can always take their token back.
 */
export const data = {
  type: ApplicationCommandType.ChatInput,
  name: en.commands.unlink.name,
  name_localizations: { id: id.commands.unlink.name },
  description: en.commands.unlink.description,
  description_localizations: { id: id.commands.unlink.description },
  contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
  integration_types: [ApplicationIntegrationType.GuildInstall],
} as const satisfies CommandData;

export const unlink: Command<typeof data> = {
  data,
  async execute(interaction, ctx) {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const removed = await unlinkToken(ctx, interaction.user.id);
    await interaction.editReply(textReply(removed ? ctx.m.link.unlinked : ctx.m.link.nothingToUnlink));
  },
};
