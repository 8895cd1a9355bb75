import { ModalSubmitInteraction } from 'discord.js';
import { ApplicationCommandType } from 'discord-api-types/v10';
import {
  acknowledge,
  route,
  type Command,
  type CommandData,
  GUILDS_AND_DMS,
  localized,
} from '../src/command.js';
import { defineCustomId } from '../src/custom-id.js';
import { ExpiredInteractionError } from '../src/errors.js';
import { LINK_FIELD, buildLinkModal, renderLinked, textReply } from '../src/messages/render.js';
import { TOKEN_MAX_LENGTH, TOKEN_MIN_LENGTH } from '../src/tokens/crypto.js';
import { linkToken } from '../src/tokens/link.js';
import { apiModal } from '../src/discord/payload.js';

/**
 * `/link`: a member pastes their own LeuwongRR User API token into a modal; the bot checks it with
 * the store, keeps it sealed, and from then on places that member's orders on their own account.
 * Usable in servers and in a DM with the bot; every answer is private.
 */
export const data = {
  type: ApplicationCommandType.ChatInput,
  ...localized('link'),
  ...GUILDS_AND_DMS,
} as const satisfies CommandData;

/** The link modal. Nothing to carry: the member is the one who submits it. */
export const linkModalId = defineCustomId('link', 1, {});

function readToken(interaction: ModalSubmitInteraction): string {
  try {
    return interaction.fields.getTextInputValue(LINK_FIELD);
  } catch {
    return '';
  }
}

export const link: Command<typeof data> = {
  data,
  async execute(interaction, ctx) {
    ctx.members.requireEnabled();
    await interaction.showModal(
      apiModal(
        buildLinkModal({
          m: ctx.m,
          customId: linkModalId.encode({}),
          minLength: TOKEN_MIN_LENGTH,
          maxLength: TOKEN_MAX_LENGTH,
        }),
      ),
    );
  },
  components: [
    route(linkModalId, async (interaction, ctx) => {
      if (!(interaction instanceof ModalSubmitInteraction))
        throw new ExpiredInteractionError('link id on a button');
      await acknowledge(interaction, ctx);
      const result = await linkToken(ctx, interaction.user.id, readToken(interaction));
      switch (result.kind) {
        case 'linked':
          await ctx.replies.edit(
            interaction,
            renderLinked(
              {
                environment: result.info.environment,
                accountStatus: result.info.accountStatus,
                prefix: result.info.prefix,
              },
              ctx.m,
            ),
          );
          return;
        case 'not_a_token':
          await ctx.replies.edit(interaction, textReply(ctx.m.link.notAToken));
          return;
        case 'invalid':
          await ctx.replies.edit(interaction, textReply(ctx.m.link.invalid));
          return;
        case 'not_eligible':
          await ctx.replies.edit(interaction, textReply(ctx.m.link.notEligible));
          return;
        case 'unavailable':
          await ctx.replies.edit(interaction, textReply(ctx.m.link.unavailable));
          return;
      }
    }),
  ],
};
