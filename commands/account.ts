import { ApplicationCommandType } from 'discord-api-types/v10';
import { acknowledge, type Command, type CommandData, GUILDS_AND_DMS, localized } from '../src/command.js';
import { renderAccount, textReply } from '../src/messages/render.js';
import { describeAccount } from '../src/tokens/link.js';

/**
 * `/account`: whether the member's own LeuwongRR account is linked, which environment, and its
 * balance (asked from the store with the member's token). Private.
 */
export const data = {
  type: ApplicationCommandType.ChatInput,
  ...localized('account'),
  ...GUILDS_AND_DMS,
} as const satisfies CommandData;

export const account: Command<typeof data> = {
  data,
  async execute(interaction, ctx) {
    await acknowledge(interaction, ctx);
    const view = await describeAccount(ctx, interaction.user.id);
    const { m } = ctx;
    switch (view.kind) {
      case 'disabled':
        await ctx.replies.edit(
          interaction,
          textReply(view.stored ? m.link.disabledStored : m.link.disabledAccount),
        );
        return;
      case 'none': {
        const lines = [m.link.notLinked, m.link.notLinkedHint];
        if (ctx.members.mode === 'required-for-balance') lines.push(m.link.requiredForBalanceHint);
        await ctx.replies.edit(interaction, textReply(lines.join('\n')));
        return;
      }
      case 'unreadable':
        await ctx.replies.edit(interaction, textReply(m.link.unreadable));
        return;
      case 'refused':
        await ctx.replies.edit(interaction, textReply(m.link.refusedNow));
        return;
      case 'linked':
        await ctx.replies.edit(
          interaction,
          renderAccount(
            {
              environment: view.info.environment,
              accountStatus: view.info.accountStatus,
              prefix: view.info.prefix,
              linkedAt: view.info.linkedAt,
              balance: view.balance ?? null,
            },
            m,
          ),
        );
        return;
    }
  },
};
