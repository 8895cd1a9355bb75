/**
 * The names an order attempt goes by. Both derive from the `/order` interaction that opened the
 * form and the attempt number, so every retry of one attempt sends the same Idempotency-Key.
 */

/**
 * The Idempotency-Key of one attempt of one `/order` invocation (also its record's key). It holds
 * the owner's Discord ID, taken from the interaction and never from a custom_id, so no user can
 * produce another user's key, even after the bot's records expired.
 */
export function idempotencyKey(invocationId: string, userId: string, attempt: number): string {
  return `discord-${invocationId}-${userId}-${attempt}`;
}

/** The order's `client_reference` for the store: which Discord interaction, no personal data. */
export function clientReference(invocationId: string, attempt: number): string {
  return `dc-${invocationId}-${attempt}`;
}
