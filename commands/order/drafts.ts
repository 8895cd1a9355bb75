import type { Ctx } from '../../src/context.js';
import { idempotencyKey } from '../../src/orders/keys.js';
import type { OrderForm } from './ids.js';
import type { Draft } from './modal.js';

/** A form the user sent with mistakes, kept so "Edit and resubmit" can give it back. */
type StoredDraft = Draft & { at: number; invocation?: string };

const DRAFT_TTL_MS = 60 * 60 * 1000;
/** One draft per user, the latest: however many forms a user sends, what is kept stays bounded. */
const draftKey = (form: OrderForm) => `draft:${form.user}`;

/** Keeps what the user typed in a form that could not be sent; a failure only loses the pre-fill. */
export async function keepDraft(ctx: Ctx, form: OrderForm, draft: Draft): Promise<void> {
  const stored: StoredDraft = { ...draft, at: ctx.clock.now(), invocation: form.invocation };
  await ctx.kv.set(draftKey(form), stored, DRAFT_TTL_MS).catch((error: unknown) => {
    ctx.log.warn({ err: error }, 'could not keep the draft');
  });
}

/**
 * What the user last sent for this order: the draft kept when their input was invalid, or the
 * body of the attempt the store refused (a valid order's input lives in its record), whichever
 * is newer.
 */
export async function lastInput(ctx: Ctx, form: OrderForm): Promise<Draft | undefined> {
  const [kept, refused] = await Promise.all([
    ctx.kv.get<StoredDraft>(draftKey(form)).catch(() => undefined),
    form.attempt > 1
      ? ctx.orders.record(idempotencyKey(form.invocation, form.user, form.attempt - 1)).catch(() => undefined)
      : undefined,
  ]);
  const draft = kept?.invocation === form.invocation ? kept : undefined;
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
