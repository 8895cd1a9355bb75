import { MessageFlags } from 'discord.js';
import { ApplicationCommandType } from 'discord-api-types/v10';
import { GUILDS_AND_DMS, localized, type Command, type CommandData } from '../src/command.js';
import type { Ctx } from '../src/context.js';
import { renderAccount } from '../src/messages/account.js';
import { textReply, type ReplyPayload } from '../src/messages/reply.js';
import { accountStatus, type AccountStatus } from '../src/tokens/link.js';

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
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const status = await accountStatus(ctx, interaction.user.id);
    await ctx.replies.edit(interaction, renderAccountStatus(status, ctx));
  },
};

function renderAccountStatus(status: AccountStatus, { messages, accounts }: Ctx): ReplyPayload {
  switch (status.kind) {
    case 'disabled':
      return textReply(status.stored ? messages.link.disabledStored : messages.link.disabledAccount);
    case 'none': {
      const lines = [messages.link.notLinked, messages.link.notLinkedHint];
      if (accounts.mode === 'required-for-balance') lines.push(messages.link.requiredForBalanceHint);
      return textReply(lines.join('\n'));
    }
    case 'unreadable':
      return textReply(messages.link.unreadable);
    case 'refused':
      return textReply(messages.link.refusedNow);
    case 'linked': {
      const { environment, accountStatus, prefix, linkedAt } = status.info;
      return renderAccount(
        { environment, accountStatus, prefix, linkedAt, balance: status.balance ?? null },
        messages,
      );
    }
  }
}
