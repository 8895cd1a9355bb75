import { UpstreamError } from '../errors.js';
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

export function mapErrorResponse(
  status: number,
  bodyText: string,
  headers: { get(name: string): string | null },
  nowMs: number,
): UpstreamError {
  const body = parseBody(bodyText);
  const code = body?.error?.code ?? body?.code ?? undefined;
  const fields = body?.error?.fields ?? (body?.errors ? Object.keys(body.errors) : undefined) ?? undefined;
  const upstreamMessage = body?.message ?? (body === undefined ? bodyText.slice(0, 200) : undefined);
  const base = { status, code, fields, upstreamMessage };

  switch (code) {
    case 'DISCORD_LINK_REQUIRED':
      return new UpstreamError({ ...base, kind: 'link_required', retrySafe: false, definite: true });
    case 'INSUFFICIENT_BALANCE':
      return new UpstreamError({ ...base, kind: 'insufficient_balance', retrySafe: false, definite: true });
    case 'ROBLOX_VALIDATION_FAILED':
      return new UpstreamError({ ...base, kind: 'roblox_validation', retrySafe: false, definite: true });
    default:
      break;
  }
  if (status === 429) {
    return new UpstreamError({
      ...base,
      kind: 'rate_limited',
      retrySafe: true,
      definite: false,
      retryAfterSeconds: parseRetryAfter(headers.get('retry-after'), nowMs) ?? 5,
    });
  }
  if (status === 408 || status >= 500) {
    return new UpstreamError({ ...base, kind: 'unavailable', retrySafe: true, definite: false });
  }
  if (status === 409) {
    // The same Idempotency-Key is being processed right now: asking again later is the answer.
    return new UpstreamError({ ...base, kind: 'conflict', retrySafe: true, definite: false });
  }
  if (status === 401)
    return new UpstreamError({ ...base, kind: 'unauthorized', retrySafe: false, definite: true });
  if (status === 403)
    return new UpstreamError({ ...base, kind: 'forbidden', retrySafe: false, definite: true });
  if (status === 400 || status === 422) {
    return new UpstreamError({ ...base, kind: 'validation', retrySafe: false, definite: true });
  }
  return new UpstreamError({ ...base, kind: 'other', retrySafe: false, definite: true });
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
