import type { ButtonInteraction } from 'discord.js';
import type { Ctx } from '../../src/context.js';
import { lastInput } from './drafts.js';
import { orderFormId, type OrderForm } from './ids.js';
import { buildOrderModal } from './modal.js';

/** "Edit and resubmit": the same form again, pre-filled with what the user sent last. */
export async function editOrder(interaction: ButtonInteraction, ctx: Ctx, form: OrderForm): Promise<void> {
  const draft = await lastInput(ctx, form);
  const modal = buildOrderModal({
    messages: ctx.messages,
    customId: orderFormId.encode(form),
    payment: form.payment,
    orderType: form.type === 'ask' ? undefined : form.type,
    draft,
  });
  await interaction.showModal(modal);
}
