/** Create-order body validation, answering like the store (Laravel). */
import type { OrderType, PaymentMethod, ValidatedOrder } from './types.js';

export const SENSITIVE_FIELDS = [
  'user_id',
  'email',
  'price',
  'amount',
  'total_amount',
  'status',
  'payment_status',
  'paid_at',
  'role',
  'balance',
  'order_id',
  'invoice_id',
] as const;

const ALLOWED_FIELDS = new Set([
  'order_type',
  'roblox_username',
  'place_id',
  'roblox_pass_id',
  'gamepass_id',
  'payment_method',
  'client_reference',
]);

const ORDER_TYPES: readonly OrderType[] = ['gamepass', 'vip_server'];
const PAYMENT_METHODS: readonly PaymentMethod[] = ['invoice', 'balance'];

export type ValidationResult =
  | { ok: true; order: ValidatedOrder }
  | { ok: false; kind: 'forbidden'; fields: string[] }
  | { ok: false; kind: 'invalid'; errors: Record<string, string[]> };

const human = (field: string): string => field.replaceAll('_', ' ');

function positiveInteger(
  value: unknown,
  field: string,
  errors: Record<string, string[]>,
): number | undefined {
  if (value === undefined || value === null || value === '') {
    errors[field] = [`The ${human(field)} field is required.`];
    return undefined;
  }
  // Strict: the schema says integer; a numeric string is refused so the bot learns to send numbers.
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    errors[field] = [`The ${human(field)} must be an integer.`];
    return undefined;
  }
  if (value < 1) {
    errors[field] = [`The ${human(field)} must be at least 1.`];
    return undefined;
  }
  return value;
}

export function validateOrderBody(body: Record<string, unknown>): ValidationResult {
  const keys = Object.keys(body);
  const sensitive: readonly string[] = SENSITIVE_FIELDS;
  const forbidden = keys.filter((k) => sensitive.includes(k));
  if (forbidden.length > 0) return { ok: false, kind: 'forbidden', fields: forbidden };

  const errors: Record<string, string[]> = {};
  for (const key of keys) {
    if (!ALLOWED_FIELDS.has(key)) errors[key] = [`The ${human(key)} field is not allowed.`];
  }

  const username = body.roblox_username;
  if (username === undefined || username === null || username === '') {
    errors.roblox_username = ['The roblox username field is required.'];
  } else if (typeof username !== 'string') {
    errors.roblox_username = ['The roblox username must be a string.'];
  } else if (username.trim() === '') {
    errors.roblox_username = ['The roblox username field is required.'];
  }

  const placeId = positiveInteger(body.place_id, 'place_id', errors);
  const passRaw = body.roblox_pass_id ?? body.gamepass_id;
  const passField =
    body.roblox_pass_id === undefined && body.gamepass_id !== undefined ? 'gamepass_id' : 'roblox_pass_id';
  const passId = positiveInteger(passRaw, passField, errors);

  const orderTypeRaw = body.order_type ?? 'gamepass';
  if (typeof orderTypeRaw !== 'string' || !(ORDER_TYPES as readonly string[]).includes(orderTypeRaw)) {
    errors.order_type = ['The selected order type is invalid.'];
  }
  const paymentRaw = body.payment_method ?? 'invoice';
  if (typeof paymentRaw !== 'string' || !(PAYMENT_METHODS as readonly string[]).includes(paymentRaw)) {
    errors.payment_method = ['The selected payment method is invalid.'];
  }
  const clientReference = body.client_reference;
  if (clientReference !== undefined && clientReference !== null && typeof clientReference !== 'string') {
    errors.client_reference = ['The client reference must be a string.'];
  }

  if (Object.keys(errors).length > 0 || placeId === undefined || passId === undefined) {
    return { ok: false, kind: 'invalid', errors };
  }
  const order: ValidatedOrder = {
    order_type: orderTypeRaw as OrderType,
    roblox_username: (username as string).trim(),
    place_id: placeId,
    roblox_pass_id: passId,
    payment_method: paymentRaw as PaymentMethod,
  };
  if (typeof clientReference === 'string') order.client_reference = clientReference;
  return { ok: true, order };
}

/** Default official-Roblox check: fails for usernames containing "notfound" or ids equal to 404. */
export function defaultRobloxCheck(order: ValidatedOrder): boolean {
  if (order.roblox_username.toLowerCase().includes('notfound')) return false;
  return order.place_id !== 404 && order.roblox_pass_id !== 404;
}
