/**
 * The bot's one error taxonomy. Every failure a user can meet is one of these, and one function
 * (`renderError` in messages/render.ts) turns it into a localized reply.
 */

export type FieldName = 'username' | 'place' | 'gamepass' | 'orderType';

export type FieldProblem =
  | { field: FieldName; reason: 'empty' }
  | { field: 'username'; reason: 'too_short' | 'too_long' | 'characters' | 'underscore' }
  | { field: 'place' | 'gamepass'; reason: 'not_an_id' | 'too_large' | 'zero' }
  | { field: 'place'; reason: 'share_link' | 'creator_hub_link' | 'gamepass_link' | 'other_link' }
  | { field: 'gamepass'; reason: 'share_link' | 'place_link' | 'other_link' }
  | { field: 'orderType'; reason: 'unknown' };

/** The user typed something we can explain and they can fix. Nothing was sent anywhere. */
export class UserInputError extends Error {
  override readonly name = 'UserInputError';
  constructor(readonly problems: readonly FieldProblem[]) {
    super(`invalid input: ${problems.map((p) => `${p.field}:${p.reason}`).join(', ')}`);
  }
}

export type UpstreamKind =
  | 'link_required'
  | 'insufficient_balance'
  | 'roblox_validation'
  | 'validation'
  | 'unauthorized'
  | 'forbidden'
  | 'rate_limited'
  | 'unavailable'
  | 'conflict'
  | 'bad_response'
  | 'other';

export interface UpstreamErrorInit {
  kind: UpstreamKind;
  /** HTTP status, or undefined when no response arrived (network error, timeout). */
  status: number | undefined;
  /** The store's error code (`error.code` or `code`), when it sent one. */
  code: string | undefined;
  /** True when sending the same request again, with the same Idempotency-Key, cannot create a second order and may succeed. */
  retrySafe: boolean;
  /** True when the store gave a definite answer that created no order. */
  definite: boolean;
  retryAfterSeconds?: number | undefined;
  /** Field names the store named as invalid (`error.fields` or the keys of Laravel's `errors`). */
  fields?: readonly string[] | undefined;
  /** The store's own message, for the log only: it is never shown to a user verbatim. */
  upstreamMessage?: string | undefined;
  cause?: unknown;
}

/** The LeuwongRR store answered with an error, or could not be reached. */
export class UpstreamError extends Error {
  override readonly name = 'UpstreamError';
  readonly kind: UpstreamKind;
  readonly status: number | undefined;
  readonly code: string | undefined;
  readonly retrySafe: boolean;
  readonly definite: boolean;
  readonly retryAfterSeconds: number | undefined;
  readonly fields: readonly string[];
  readonly upstreamMessage: string | undefined;

  constructor(init: UpstreamErrorInit) {
    super(
      `LeuwongRR ${init.kind}${init.status === undefined ? '' : ` (HTTP ${init.status})`}${init.code ? ` ${init.code}` : ''}`,
      init.cause === undefined ? undefined : { cause: init.cause },
    );
    this.kind = init.kind;
    this.status = init.status;
    this.code = init.code;
    this.retrySafe = init.retrySafe;
    this.definite = init.definite;
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.fields = init.fields ?? [];
    this.upstreamMessage = init.upstreamMessage;
  }
}

/** What an order record keeps of an UpstreamError: enough to explain it again, never the store's own text. */
export interface RecordedError {
  kind: UpstreamKind;
  status: number | undefined;
  code: string | undefined;
  fields: readonly string[];
  retryAfterSeconds: number | undefined;
}

/** A component or modal whose custom_id we no longer understand (old version, tampered, or foreign). */
export class ExpiredInteractionError extends Error {
  override readonly name = 'ExpiredInteractionError';
  constructor(readonly reason: string) {
    super(`expired interaction: ${reason}`);
  }
}

/** The bot itself refuses: the order is already being processed, cooldown, budget, access rules, storage down, personal tokens. */
export type RefusalKind =
  | { kind: 'in_progress' }
  | { kind: 'cooldown'; retryAfterSeconds: number }
  | { kind: 'budget'; retryAfterSeconds: number }
  /** The user has had their share of the shop token's orders this minute (ORDERS_PER_USER_PER_MINUTE). */
  | { kind: 'user_share'; perMinute: number; retryAfterSeconds: number }
  /** The token's reads this minute are spent (LEUWONG_READS_PER_MINUTE). */
  | { kind: 'read_budget'; retryAfterSeconds: number }
  /** The same user asked the store again too soon (/link, /account). */
  | { kind: 'too_soon'; retryAfterSeconds: number }
  | { kind: 'not_here' }
  | { kind: 'missing_role' }
  | { kind: 'not_yours' }
  /** The form is older than the records that would show whether it was sent: it needs a new attempt. */
  | { kind: 'form_stale' }
  | { kind: 'storage_unavailable' }
  | { kind: 'shutting_down' }
  /** PERSONAL_TOKENS is off, or TOKEN_ENCRYPTION_KEY is not set: /link cannot be used. */
  | { kind: 'linking_disabled' }
  /** PERSONAL_TOKENS=required-for-balance and the member has not linked a token. */
  | { kind: 'link_required_personal' }
  /** The member's linked token is gone or cannot be opened any more: they must /link again. */
  | { kind: 'relink_required' }
  /** The member linked a token, but TOKEN_ENCRYPTION_KEY is not set: only the operator can mend it. */
  | { kind: 'member_token_locked' }
  /** An open order was placed with another token than the one linked now: not re-sent on another account. */
  | { kind: 'token_changed' };

export class RefusalError extends Error {
  override readonly name = 'RefusalError';
  constructor(readonly refusal: RefusalKind) {
    super(`refused: ${refusal.kind}`);
  }
}

export type BotError = UserInputError | UpstreamError | ExpiredInteractionError | RefusalError;

export function isBotError(error: unknown): error is BotError {
  return (
    error instanceof UserInputError ||
    error instanceof UpstreamError ||
    error instanceof ExpiredInteractionError ||
    error instanceof RefusalError
  );
}
