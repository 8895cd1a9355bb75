import { UserInputError, type FieldProblem } from '../../src/errors.js';
import { createOrderBodySchema, type CreateOrderBody, type PaymentMethod } from '../../src/leuwong/schema.js';
import { clientReference } from '../../src/orders/keys.js';
import { parseGamepass, parsePlace, parseUsername } from '../../src/roblox.js';
import type { Draft } from './modal.js';

export type ParsedOrder = { ok: true; body: CreateOrderBody } | { ok: false; error: UserInputError };

/** Turns the form's raw text into a valid create-order body, or every field problem at once. */
export function parseOrderInput(
  raw: Draft,
  form: { invocation: string; attempt: number; payment: PaymentMethod },
): ParsedOrder {
  const username = parseUsername(raw.username);
  const place = parsePlace(raw.place);
  const gamepass = parseGamepass(raw.gamepass);
  if (!username.ok || !place.ok || !gamepass.ok || raw.orderType === undefined) {
    const problems: FieldProblem[] = [];
    if (!username.ok) problems.push(username.problem);
    if (!place.ok) problems.push(place.problem);
    if (!gamepass.ok) problems.push(gamepass.problem);
    if (raw.orderType === undefined) problems.push({ field: 'orderType', reason: 'unknown' });
    return { ok: false, error: new UserInputError(problems) };
  }
  const body = createOrderBodySchema.parse({
    order_type: raw.orderType,
    roblox_username: username.value,
    place_id: place.value,
    roblox_pass_id: gamepass.value,
    payment_method: form.payment,
    client_reference: clientReference(form.invocation, form.attempt),
  });
  return { ok: true, body };
}
