import { MessageFlags } from 'discord.js';
import { ApplicationCommandType } from 'discord-api-types/v10';
import { GUILDS_AND_DMS, localized, onModal, type Command, type CommandData } from '../../src/command.js';
import type { Ctx } from '../../src/context.js';
import { defineCustomId } from '../../src/custom-id.js';
import { renderLinked } from '../../src/messages/account.js';
import { textReply, type ReplyPayload } from '../../src/messages/reply.js';
import { linkToken, type LinkResult } from '../../src/tokens/link.js';
import { buildLinkModal, readToken } from './modal.js';

/**
 * `/link`: a member pastes their own LeuwongRR User API token into a form; the bot checks it with
 * the store, keeps it sealed, and from then on places that member's orders on their own account.
 * Usable in servers and in a DM with the bot; every answer is private.
 */
export const data = {
  type: ApplicationCommandType.ChatInput,
  ...localized('link'),
  ...GUILDS_AND_DMS,
} as const satisfies CommandData;

/** The link form. Nothing to carry: the member is the one who submits it. */
export const linkFormId = defineCustomId('link', 1, {});

export const link: Command<typeof data> = {
  data,
  async execute(interaction, ctx) {
    ctx.accounts.requireLinking();
    await interaction.showModal(buildLinkModal(ctx.messages, linkFormId.encode({})));
  },
  components: [
    onModal(linkFormId, async (interaction, ctx) => {
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      const result = await linkToken(ctx, interaction.user.id, readToken(interaction));
      await ctx.replies.edit(interaction, renderLinkResult(result, ctx));
    }),
  ],
};

function renderLinkResult(result: LinkResult, { messages }: Ctx): ReplyPayload {
  switch (result.kind) {
    case 'linked': {
      const { environment, accountStatus, prefix } = result.info;
      return renderLinked({ environment, accountStatus, prefix }, messages);
    }
    case 'not_a_token':
      return textReply(messages.link.notAToken);
    case 'invalid':
      return textReply(messages.link.invalid);
    case 'not_eligible':
      return textReply(messages.link.notEligible);
    case 'unavailable':
      return textReply(messages.link.unavailable);
  }
}
