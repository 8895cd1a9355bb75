import type { ButtonInteraction } from 'discord.js';
import type { Ctx } from '../../src/context.js';
import { RefusalError } from '../../src/errors.js';
import { renderRefusal, renderWithRetry } from '../../src/messages/errors.js';
import { idempotencyKey } from '../../src/orders/keys.js';
import { retryOrderId } from './ids.js';
import { outcomeContext, renderOutcome } from './outcome.js';

type RetryIds = NonNullable<ReturnType<typeof retryOrderId.decode>>;

/** The Retry button of an unknown outcome: the same key and body, for the user who placed the order. */
export async function retryOrder(interaction: ButtonInteraction, ctx: Ctx, ids: RetryIds): Promise<void> {
  await interaction.deferUpdate();
  try {
    const outcome = await ctx.orders.retry(
      idempotencyKey(ids.invocation, ids.user, ids.attempt),
      interaction.user.id,
      interaction,
      ctx.log,
    );
    await ctx.replies.edit(interaction, renderOutcome(outcome, outcomeContext(ctx)));
    await ctx.orders.markShown(outcome, ctx.log);
  } catch (error) {
    // The member token of this order is gone: say so, and keep the button for after /link.
    if (
      !(error instanceof RefusalError) ||
      (error.refusal.kind !== 'relink_required' && error.refusal.kind !== 'token_changed')
    ) {
      throw error;
    }
    const text = renderRefusal(error, ctx.messages, ctx.clock.now());
    await ctx.replies.edit(interaction, renderWithRetry(text, ctx.messages, retryOrderId.encode(ids)));
  }
}
