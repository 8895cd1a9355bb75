import type { ButtonInteraction } from 'discord.js';
import type { Ctx } from '../../src/context.js';
import { ExpiredInteractionError, RefusalError, UpstreamError } from '../../src/errors.js';
import { renderRefusal } from '../../src/messages/errors.js';
import { idempotencyKey } from '../../src/orders/keys.js';
import type { checkPaymentId } from './ids.js';
import { outcomeContext, renderOutcome } from './outcome.js';

type CheckIds = NonNullable<ReturnType<typeof checkPaymentId.decode>>;

/**
 * "Check payment": reads the invoice's status and shows it in the same private message. When the
 * store cannot tell right now, the invoice stays as it was, with a line saying so and the button.
 */
export async function checkPayment(interaction: ButtonInteraction, ctx: Ctx, ids: CheckIds): Promise<void> {
  await interaction.deferUpdate();
  const record = await ctx.orders.record(idempotencyKey(ids.invocation, ids.user, ids.attempt));
  if (record?.state !== 'placed' || !record.invoice) throw new ExpiredInteractionError('no invoice to check');

  let notice: string | undefined;
  try {
    await ctx.payments.refresh(record);
  } catch (error) {
    if (error instanceof UpstreamError) {
      ctx.log.info({ kind: error.kind, status: error.status }, 'payment status could not be read');
      notice = ctx.messages.invoice.checkFailed;
    } else if (error instanceof RefusalError && error.refusal.kind === 'read_budget') {
      notice = renderRefusal(error, ctx.messages, ctx.clock.now());
    } else {
      throw error;
    }
  }
  const reply = renderOutcome({ kind: 'placed', record }, outcomeContext(ctx));
  await ctx.replies.edit(interaction, notice === undefined ? reply : { ...reply, content: notice });
  await ctx.payments.paidShown(record);
}
