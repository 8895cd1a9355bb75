/**
 * The names an order attempt goes by. Both derive from the `/order` interaction that opened the
 * form and the attempt number, so every retry of one attempt sends the same Idempotency-Key.
 */

/** The Idempotency-Key of one attempt of one `/order` invocation (also its record's key). */
export function idempotencyKey(invocationId: string, attempt: number): string {
  return `discord-${invocationId}-${attempt}`;
}

/** The order's `client_reference` for the store: which Discord interaction, no personal data. */
export function clientReference(invocationId: string, attempt: number): string {
  return `dc-${invocationId}-${attempt}`;
}
