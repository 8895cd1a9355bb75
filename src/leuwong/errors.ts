import { UpstreamError, type UpstreamKind } from '../errors.js';
import { errorBodySchema } from './schema.js';

/**
 * Pure mapping from one store answer (status, headers, body text) to the bot's error taxonomy.
 * Never throws, whatever the body is: JSON in either of the store's shapes, Laravel's shape,
 * HTML, truncated JSON or nothing at all.
 */

export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.max(1, Math.ceil(Number(value)));
  // Otherwise only an HTTP-date (`Wed, 21 Oct 2015 07:28:00 GMT`) counts.
  if (!value.trim().endsWith('GMT')) return undefined;
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(1, Math.ceil((date - nowMs) / 1000));
}

function parseBody(text: string): ReturnType<typeof errorBodySchema.safeParse>['data'] {
  try {
    const json: unknown = JSON.parse(text);
    const parsed = errorBodySchema.safeParse(json);
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** One store error answer (status, headers, body text) as the bot's UpstreamError. */
export function mapErrorResponse(
  status: number,
  bodyText: string,
  headers: { get(name: string): string | null },
  nowMs: number,
): UpstreamError {
  const body = parseBody(bodyText);
  const code = body?.error?.code ?? body?.code ?? undefined;
  const base = {
    status,
    code,
    fields: body?.error?.fields ?? (body?.errors ? Object.keys(body.errors) : undefined) ?? undefined,
    upstreamMessage: body?.message ?? (body === undefined ? bodyText.slice(0, 200) : undefined),
  };
  const kind = kindOfCode(code) ?? kindOfStatus(status);
  if (kind === 'rate_limited') {
    const retryAfterSeconds = parseRetryAfter(headers.get('retry-after'), nowMs) ?? 5;
    return new UpstreamError({ ...base, kind, retrySafe: true, definite: false, retryAfterSeconds });
  }
  // Unavailable (408, 5xx) and conflict (409: the same Idempotency-Key is being processed right
  // now) may succeed when asked again with the same key; every other answer is final.
  const retrySafe = kind === 'unavailable' || kind === 'conflict';
  return new UpstreamError({ ...base, kind, retrySafe, definite: !retrySafe });
}

/** The store's own error codes that say exactly what went wrong, whatever the status. */
function kindOfCode(code: string | undefined): UpstreamKind | undefined {
  switch (code) {
    case 'DISCORD_LINK_REQUIRED':
      return 'link_required';
    case 'INSUFFICIENT_BALANCE':
      return 'insufficient_balance';
    case 'ROBLOX_VALIDATION_FAILED':
      return 'roblox_validation';
    default:
      return undefined;
  }
}

function kindOfStatus(status: number): UpstreamKind {
  if (status === 429) return 'rate_limited';
  if (status === 408 || status >= 500) return 'unavailable';
  if (status === 409) return 'conflict';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 400 || status === 422) return 'validation';
  return 'other';
}

/** A 2xx whose body we cannot read: the order may exist, so the outcome is unknown and a retry is safe. */
export function badResponse(status: number, bodyText: string, cause?: unknown): UpstreamError {
  return new UpstreamError({
    kind: 'bad_response',
    status,
    code: undefined,
    retrySafe: true,
    definite: false,
    upstreamMessage: bodyText.slice(0, 200),
    cause,
  });
}

/**
 * An answer longer than the bot reads (any status): its body is not read, so what the store did is
 * not known. Asking again within the same call would bring the same answer, so it is not retried
 * there; the order stays open (unknown) and recovery asks again, with the same key, at its interval.
 */
export function tooLarge(status: number, maxBytes: number): UpstreamError {
  return new UpstreamError({
    kind: 'bad_response',
    status,
    code: 'TOO_LARGE',
    retrySafe: false,
    definite: false,
    upstreamMessage: `answer longer than ${maxBytes} bytes, not read`,
  });
}

export function networkError(cause: unknown, timedOut: boolean): UpstreamError {
  return new UpstreamError({
    kind: 'unavailable',
    status: undefined,
    code: timedOut ? 'TIMEOUT' : 'NETWORK',
    retrySafe: true,
    definite: false,
    cause,
  });
}
