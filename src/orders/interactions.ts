import {
  type BaseInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type ModalSubmitInteraction,
} from 'discord.js';
import { checkAccess, type Where } from '../access.js';
import { acknowledge } from '../command.js';
import type { Ctx } from '../context.js';
import { defineCustomId, enumField, smallIntField, snowflakeField } from '../custom-id.js';
import { RefusalError, UserInputError, type FieldProblem } from '../errors.js';
import { createOrderBodySchema, type OrderType, type PaymentMethod } from '../leuwong/schema.js';
import {
  MODAL_FIELDS,
  buildOrderModal,
  isTrustedInvoiceUrl,
  renderInputProblems,
  renderInvoice,
  renderRefusal,
  renderRejected,
  renderUnknown,
  textReply,
  renderWithRetry,
  type Draft,
  type ReplyPayload,
} from '../messages/render.js';
import type { Messages } from '../messages/index.js';
import { parseGamepass, parsePlace, parseUsername } from '../roblox.js';
import type { MemberAccounts } from '../tokens/accounts.js';
import type { OrderRecord } from './records.js';
import { clientReference, idempotencyKey, type Outcome } from './service.js';
import { apiModal } from '../discord/payload.js';

const fields = {
  invocation: snowflakeField,
  attempt: smallIntField,
  payment: enumField<PaymentMethod>({ invoice: 'i', balance: 'b' }),
  type: enumField<OrderType | 'ask'>({ gamepass: 'g', vip_server: 'v', ask: 'a' }),
};

/** The order modal. `invocation` is the `/order` interaction: the root of the Idempotency-Key. */
export const orderModalId = defineCustomId('order', 1, fields);
/** "Edit and resubmit": reopens the modal with what the user typed. */
export const orderFixId = defineCustomId('order-fix', 1, fields);
/** "Retry": the same key and the same body, when the outcome is unknown. */
export const orderRetryId = defineCustomId('order-retry', 1, {
  invocation: snowflakeField,
  attempt: smallIntField,
  user: snowflakeField,
});

type OrderIds = ReturnType<typeof orderModalId.decode> & {};

const DRAFT_TTL_MS = 60 * 60 * 1000;
const draftKey = (invocationId: string) => `draft:${invocationId}`;

function where(interaction: BaseInteraction): Where {
  return {
    guildId: interaction.guildId,
    channelId: interaction.channelId,
    roleIds: () => {
      const roles = interaction.member?.roles;
      return roles === undefined ? null : Array.isArray(roles) ? roles : [...roles.cache.keys()];
    },
  };
}

/** `/order` and `/order-balance`: check where, then open the modal at once (no I/O first). */
export async function openOrderModal(
  interaction: ChatInputCommandInteraction,
  ctx: Ctx,
  payment: PaymentMethod,
  orderType: OrderType | undefined,
): Promise<void> {
  const refusal = checkAccess(ctx.config.access, where(interaction));
  if (refusal) throw refusal;
  // PERSONAL_TOKENS=required-for-balance: an unlinked member hears it before typing the whole order.
  if (payment === 'balance') await ctx.members.precheckBalance(interaction.user.id);
  const customId = orderModalId.encode({
    invocation: interaction.id,
    attempt: 1,
    payment,
    type: orderType ?? 'ask',
  });
  await interaction.showModal(
    apiModal(buildOrderModal({ m: ctx.m, customId, payment, orderType, draft: undefined })),
  );
}

/** The "Edit and resubmit" button: the same modal, pre-filled with the last thing the user typed. */
export async function reopenOrderModal(
  interaction: ButtonInteraction,
  ctx: Ctx,
  ids: OrderIds,
): Promise<void> {
  const draft = await lastInput(ctx, ids);
  const customId = orderModalId.encode(ids);
  await interaction.showModal(
    apiModal(
      buildOrderModal({
        m: ctx.m,
        customId,
        payment: ids.payment,
        orderType: ids.type === 'ask' ? undefined : ids.type,
        draft,
      }),
    ),
  );
}

type StoredDraft = Draft & { orderType?: OrderType; at: number };

/**
 * What the user last sent for this order: the draft kept when their input was invalid, or the
 * body of the attempt the store refused, whichever is newer.
 */
async function lastInput(ctx: Ctx, ids: OrderIds): Promise<StoredDraft | undefined> {
  const [draft, refused] = await Promise.all([
    ctx.kv.get<StoredDraft>(draftKey(ids.invocation)).catch(() => undefined),
    ids.attempt > 1
      ? ctx.orders.records.get(idempotencyKey(ids.invocation, ids.attempt - 1)).catch(() => undefined)
      : undefined,
  ]);
  const fromRecord: StoredDraft | undefined = refused && {
    username: refused.body.roblox_username,
    place: String(refused.body.place_id),
    gamepass: String(refused.body.roblox_pass_id),
    orderType: refused.body.order_type,
    at: refused.createdAt,
  };
  if (draft && fromRecord) return draft.at > fromRecord.at ? draft : fromRecord;
  return draft ?? fromRecord;
}

function readField(interaction: ModalSubmitInteraction, id: string): string {
  try {
    return interaction.fields.getTextInputValue(id);
  } catch {
    return '';
  }
}

function readOrderType(interaction: ModalSubmitInteraction, ids: OrderIds): OrderType | undefined {
  if (ids.type !== 'ask') return ids.type;
  try {
    const [value] = interaction.fields.getStringSelectValues(MODAL_FIELDS.orderType);
    return value === 'gamepass' || value === 'vip_server' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Turns the modal's raw text into a valid create-order body, or every field problem at once. */
export function parseOrderInput(
  raw: Draft & { orderType: OrderType | undefined },
  ids: { invocation: string; attempt: number; payment: PaymentMethod },
) {
  const username = parseUsername(raw.username);
  const place = parsePlace(raw.place);
  const gamepass = parseGamepass(raw.gamepass);
  const problems: FieldProblem[] = [];
  if (!username.ok) problems.push(username.problem);
  if (!place.ok) problems.push(place.problem);
  if (!gamepass.ok) problems.push(gamepass.problem);
  if (raw.orderType === undefined) problems.push({ field: 'orderType', reason: 'unknown' });
  if (!username.ok || !place.ok || !gamepass.ok || raw.orderType === undefined) {
    return { ok: false as const, error: new UserInputError(problems) };
  }
  const body = createOrderBodySchema.parse({
    order_type: raw.orderType,
    roblox_username: username.value,
    place_id: place.value,
    roblox_pass_id: gamepass.value,
    payment_method: ids.payment,
    client_reference: clientReference(ids.invocation, ids.attempt),
  });
  return { ok: true as const, body };
}

export async function submitOrder(
  interaction: ModalSubmitInteraction,
  ctx: Ctx,
  ids: OrderIds,
): Promise<void> {
  await acknowledge(interaction, ctx);
  const refusal = checkAccess(ctx.config.access, where(interaction));
  if (refusal) throw refusal;

  const orderType = readOrderType(interaction, ids);
  const draft = {
    username: readField(interaction, MODAL_FIELDS.username),
    place: readField(interaction, MODAL_FIELDS.place),
    gamepass: readField(interaction, MODAL_FIELDS.gamepass),
  };
  const parsed = parseOrderInput({ ...draft, orderType }, ids);
  if (!parsed.ok) {
    ctx.log.info({ problems: parsed.error.problems }, 'order input rejected');
    // Keep what the user typed, so "Edit and resubmit" can give it back (a valid order's body
    // is kept in its record instead).
    const stored: StoredDraft = { ...draft, ...(orderType ? { orderType } : {}), at: ctx.clock.now() };
    await ctx.kv.set(draftKey(ids.invocation), stored, DRAFT_TTL_MS).catch((error: unknown) => {
      ctx.log.warn({ err: error }, 'could not keep the draft');
    });
    await ctx.replies.edit(
      interaction,
      renderInputProblems(parsed.error.problems, ctx.m, orderFixId.encode(ids)),
    );
    return;
  }
  const outcome = await ctx.orders.place({
    invocationId: ids.invocation,
    attempt: ids.attempt,
    payment: ids.payment,
    body: parsed.body,
    userId: interaction.user.id,
    locale: interaction.locale,
    reply: {
      applicationId: interaction.applicationId,
      interactionId: interaction.id,
      token: interaction.token,
    },
  });
  await ctx.replies.edit(interaction, renderOutcome(outcome, ctx));
  markShown(outcome, ctx);
}

export async function retryOrder(
  interaction: ButtonInteraction,
  ctx: Ctx,
  ids: { invocation: string; attempt: number; user: string },
): Promise<void> {
  // Checked before anything else, so a stranger's click never touches the owner's message.
  if (interaction.user.id !== ids.user) throw new RefusalError({ kind: 'not_yours' });
  await acknowledge(interaction, ctx, 'update');
  let outcome: Outcome;
  try {
    outcome = await ctx.orders.retry(idempotencyKey(ids.invocation, ids.attempt), interaction.user.id, {
      applicationId: interaction.applicationId,
      interactionId: interaction.id,
      token: interaction.token,
    });
  } catch (error) {
    // The member's token of this order is gone: say so, and keep the button for after /link.
    if (
      error instanceof RefusalError &&
      (error.refusal.kind === 'relink_required' || error.refusal.kind === 'token_changed')
    ) {
      await ctx.replies.edit(
        interaction,
        renderWithRetry(renderRefusal(error, ctx.m, ctx.clock.now()), ctx.m, orderRetryId.encode(ids)),
      );
      return;
    }
    throw error;
  }
  await ctx.replies.edit(interaction, renderOutcome(outcome, ctx));
  markShown(outcome, ctx);
}

function markShown(outcome: Outcome, ctx: Ctx): void {
  if (outcome.kind === 'placed' || outcome.kind === 'rejected') ctx.orders.markNotified(outcome.record);
}

/** What the user sees for an outcome: the invoice, the store's refusal, or a retry button. */
export function renderOutcome(
  outcome: Outcome,
  ctx: Pick<Ctx, 'm' | 'config' | 'log'> & { members?: Pick<MemberAccounts, 'enabled'> },
): ReplyPayload {
  return renderRecord(
    outcome.record,
    outcome.kind,
    ctx.m,
    ctx.config.leuwong.apiUrl,
    (url) => {
      ctx.log.warn({ invoiceHost: safeHost(url) }, 'invoice URL is not on the store host; link not shown');
    },
    ctx.members?.enabled === true,
  );
}

export function renderRecord(
  record: OrderRecord,
  kind: Outcome['kind'],
  m: Messages,
  apiUrl: string,
  onUntrustedUrl?: (url: string) => void,
  /** True when members can /link: an operator-token balance refusal then suggests it. */
  linking = false,
): ReplyPayload {
  const fix = { invocation: record.invocationId, payment: record.payment, type: record.body.order_type };
  switch (kind) {
    case 'placed': {
      const invoice = record.invoice;
      if (!invoice) return textReply(m.errors.inProgress);
      const trusted = isTrustedInvoiceUrl(invoice.url, apiUrl);
      if (!trusted) onUntrustedUrl?.(invoice.url);
      return renderInvoice(
        {
          ...invoice,
          orderType: record.body.order_type,
          robloxUsername: invoice.robloxUsername ?? record.body.roblox_username,
          payment: record.payment,
        },
        m,
        trusted,
      );
    }
    case 'rejected':
      return renderRejected(
        record.error ?? {
          kind: 'other',
          status: undefined,
          code: undefined,
          fields: [],
          retryAfterSeconds: undefined,
        },
        m,
        record.invocationId,
        orderFixId.encode({ ...fix, attempt: record.attempt + 1 }),
        { account: record.account ?? 'operator', linking },
      );
    case 'unknown':
      return renderUnknown(
        m,
        orderRetryId.encode({
          invocation: record.invocationId,
          attempt: record.attempt,
          user: record.userId,
        }),
        record.error,
      );
    case 'in_progress':
      return textReply(m.errors.inProgress);
  }
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'invalid';
  }
}
