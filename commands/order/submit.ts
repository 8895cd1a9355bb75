import { MessageFlags, SnowflakeUtil, type ModalSubmitInteraction } from 'discord.js';
import { assertOrdersAllowed } from '../../src/access.js';
import type { Ctx } from '../../src/context.js';
import { RefusalError } from '../../src/errors.js';
import { renderInputProblems, renderStaleForm } from '../../src/messages/errors.js';
import { keepDraft } from './drafts.js';
import { editOrderId, type OrderForm } from './ids.js';
import { parseOrderInput } from './input.js';
import { readOrderForm, type Draft } from './modal.js';
import { outcomeContext, renderOutcome } from './outcome.js';

/** The form is submitted: parse it, place the order, show the outcome in the same private reply. */
export async function submitOrder(
  interaction: ModalSubmitInteraction,
  ctx: Ctx,
  form: OrderForm,
): Promise<void> {
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  assertOrdersAllowed(ctx.config.access, interaction);

  const draft = readOrderForm(interaction, form);
  const parsed = parseOrderInput(draft, form);
  if (!parsed.ok) {
    ctx.log.info({ problems: parsed.error.problems }, 'order input rejected');
    await keepDraft(ctx, form, draft);
    await ctx.replies.edit(
      interaction,
      renderInputProblems(parsed.error.problems, ctx.messages, editOrderId.encode(form)),
    );
    return;
  }
  const order = {
    invocationId: form.invocation,
    attempt: form.attempt,
    payment: form.payment,
    body: parsed.body,
    userId: interaction.user.id,
    locale: interaction.locale,
    reply: interaction,
    openedAt: SnowflakeUtil.timestampFrom(form.invocation),
  };
  try {
    const outcome = await ctx.orders.place(order, ctx.log);
    await ctx.replies.edit(interaction, renderOutcome(outcome, outcomeContext(ctx)));
    await ctx.orders.markShown(outcome, ctx.log);
  } catch (error) {
    if (!(error instanceof RefusalError && error.refusal.kind === 'form_stale')) throw error;
    await offerNewAttempt(interaction, ctx, form, draft);
  }
}

/**
 * A form too old to send: its input becomes the draft of a new attempt, rooted in this submit,
 * which the user sends with one more press.
 */
async function offerNewAttempt(
  interaction: ModalSubmitInteraction,
  ctx: Ctx,
  form: OrderForm,
  draft: Draft,
): Promise<void> {
  const fresh = { ...form, invocation: interaction.id, attempt: 1 };
  ctx.log.info('order form too old to send; offered as a new attempt');
  await keepDraft(ctx, fresh, draft);
  await ctx.replies.edit(interaction, renderStaleForm(ctx.messages, editOrderId.encode(fresh)));
}
