import type { ChatInputCommandInteraction } from 'discord.js';
import { assertOrdersAllowed } from '../../src/access.js';
import type { Ctx } from '../../src/context.js';
import type { OrderType, PaymentMethod } from '../../src/leuwong/schema.js';
import { orderFormId } from './ids.js';
import { buildOrderModal } from './modal.js';

/** `/order` and `/order-balance`: checks where, then opens the form at once (Discord allows 3 s). */
export async function openOrderForm(
  interaction: ChatInputCommandInteraction,
  ctx: Ctx,
  payment: PaymentMethod,
  orderType: OrderType | undefined,
): Promise<void> {
  assertOrdersAllowed(ctx.config.access, interaction);
  // PERSONAL_TOKENS=required-for-balance: an unlinked member hears it before typing the whole order.
  if (payment === 'balance') await ctx.accounts.precheckBalance(interaction.user.id);
  const customId = orderFormId.encode({
    invocation: interaction.id,
    user: interaction.user.id,
    attempt: 1,
    payment,
    type: orderType ?? 'ask',
  });
  await interaction.showModal(
    buildOrderModal({ messages: ctx.messages, customId, payment, orderType, draft: undefined }),
  );
}
