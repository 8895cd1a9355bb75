import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import { UpstreamError } from '../errors.js';
import { badResponse, mapErrorResponse, networkError } from './errors.js';
import {
  asEnvironment,
  balanceSchema,
  orderSuccessSchema,
  tokenInfoSchema,
  type Balance,
  type CreateOrderBody,
  type OrderResult,
  type TokenInfo,
} from './schema.js';

export interface RetryPolicy {
  /** Give up on one attempt after this long. */
  attemptTimeoutMs: number;
  /** Give up on the whole call after this long (attempts and waits included). */
  deadlineMs: number;
  maxAttempts: number;
  backoffBaseMs: number;
  backoffCapMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  attemptTimeoutMs: 10_000,
  deadlineMs: 45_000,
  maxAttempts: 5,
  backoffBaseMs: 500,
  backoffCapMs: 8_000,
};

export interface LeuwongClientOptions {
  baseUrl: string;
  clock: Clock;
  logger: Logger;
  retry?: Partial<RetryPolicy>;
  random?: () => number;
  userAgent?: string;
}

export interface CreateOrderRequest {
  token: string;
  idempotencyKey: string;
  discordUserId: string;
  body: CreateOrderBody;
  /** Called before each attempt; the order flow uses it to take a slot of the token's budget. */
  beforeAttempt?: (attempt: number) => Promise<void>;
  /** Told about every 429, so the whole bot can pause. */
  onRateLimited?: (retryAfterSeconds: number) => void;
  signal?: AbortSignal;
}

const MAX_BODY_BYTES = 256 * 1024;

/**
 * The LeuwongRR User API client. Built on Node's fetch; every call has a per-attempt timeout and
 * an overall deadline. Create-order retries reuse the same Idempotency-Key and the same bytes.
 */
export class LeuwongClient {
  readonly baseUrl: string;
  private readonly retry: RetryPolicy;
  private readonly random: () => number;

  constructor(private readonly options: LeuwongClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.random = options.random ?? Math.random;
  }

  async createOrder(request: CreateOrderRequest): Promise<OrderResult> {
    const payload = JSON.stringify(request.body);
    const response = await this.send(
      {
        method: 'POST',
        path: '/me/orders',
        token: request.token,
        body: payload,
        headers: {
          'Idempotency-Key': request.idempotencyKey,
          'X-Discord-User-ID': request.discordUserId,
        },
        retryable: true,
        ...(request.beforeAttempt ? { beforeAttempt: request.beforeAttempt } : {}),
        ...(request.onRateLimited ? { onRateLimited: request.onRateLimited } : {}),
        ...(request.signal ? { signal: request.signal } : {}),
      },
      'create_order',
    );
    const parsed = orderSuccessSchema.safeParse(response.json);
    if (!parsed.success) throw badResponse(response.status, response.text, parsed.error);
    const { invoice, environment, idempotent } = parsed.data.data;
    return {
      invoice: {
        code: invoice.invoice_code,
        url: invoice.invoice_url,
        formattedAmount: invoice.formatted_amount,
        amount: invoice.amount,
        currency: invoice.currency,
        paymentStatus: invoice.payment_status,
        paymentMethod: invoice.payment_method,
        orderType: invoice.order?.order_type,
        robloxUsername: invoice.order?.roblox_username,
      },
      environment: asEnvironment(environment),
      idempotent: idempotent ?? response.status === 200,
    };
  }

  async validateToken(token: string, signal?: AbortSignal): Promise<TokenInfo> {
    const response = await this.send(
      { method: 'POST', path: '/auth/token/validate', token, retryable: true, ...(signal ? { signal } : {}) },
      'validate_token',
    );
    const parsed = tokenInfoSchema.safeParse(response.json);
    if (!parsed.success) throw badResponse(response.status, response.text, parsed.error);
    return {
      environment: asEnvironment(parsed.data.data.token?.environment),
      accountStatus: parsed.data.data.user?.status,
    };
  }

  async getBalance(token: string): Promise<Balance> {
    const response = await this.send(
      { method: 'GET', path: '/me/balance', token, retryable: true },
      'balance',
    );
    const parsed = balanceSchema.safeParse(response.json);
    if (!parsed.success) throw badResponse(response.status, response.text, parsed.error);
    return parsed.data.data.balance;
  }

  private async send(
    request: {
      method: 'GET' | 'POST';
      path: string;
      token: string;
      body?: string;
      headers?: Record<string, string>;
      retryable: boolean;
      beforeAttempt?: (attempt: number) => Promise<void>;
      onRateLimited?: (retryAfterSeconds: number) => void;
      signal?: AbortSignal;
    },
    operation: string,
  ): Promise<{ status: number; text: string; json: unknown }> {
    const { clock, logger } = this.options;
    const started = clock.now();
    const deadline = started + this.retry.deadlineMs;
    const url = `${this.baseUrl}${request.path}`;
    const headers: Record<string, string> = {
      Authorization: `Bearer ${request.token}`,
      Accept: 'application/json',
      ...(request.body === undefined ? {} : { 'Content-Type': 'application/json' }),
      'User-Agent': this.options.userAgent ?? 'leuwongrr-order-bot',
      ...request.headers,
    };

    let lastError: UpstreamError | undefined;
    for (let attempt = 1; attempt <= this.retry.maxAttempts; attempt++) {
      const remaining = deadline - clock.now();
      if (remaining <= 0) break;
      await request.beforeAttempt?.(attempt);
      // A timer cleared once the attempt is over, not AbortSignal.timeout: that signal lives until
      // its time is up and keeps the finished request alive with it (fetch listens on it), so each
      // call's fetch state outlived the call by the whole attempt timeout, long enough to be moved
      // to V8's old generation: about 1.6 KB per call, for 10 s (heap sampling after 1,250 orders).
      const timeout = new AbortController();
      const timer = setTimeout(
        () => {
          timeout.abort(new DOMException('The attempt timed out', 'TimeoutError'));
        },
        Math.min(this.retry.attemptTimeoutMs, remaining),
      );
      const signal = request.signal ? AbortSignal.any([timeout.signal, request.signal]) : timeout.signal;
      const attemptStart = clock.now();
      let error: UpstreamError;
      try {
        const response = await fetch(url, {
          method: request.method,
          headers,
          ...(request.body === undefined ? {} : { body: request.body }),
          signal,
          redirect: 'error',
        });
        const text = await readText(response);
        logger.debug(
          { operation, attempt, status: response.status, ms: clock.now() - attemptStart },
          'leuwong response',
        );
        if (response.ok) {
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch (cause) {
            throw badResponse(response.status, text, cause);
          }
          if (isObject(json) && json.success === false) {
            error = mapErrorResponse(
              response.status === 200 ? 422 : response.status,
              text,
              response.headers,
              clock.now(),
            );
          } else {
            return { status: response.status, text, json };
          }
        } else {
          error = mapErrorResponse(response.status, text, response.headers, clock.now());
        }
      } catch (cause) {
        if (cause instanceof UpstreamError) error = cause;
        else if (request.signal?.aborted) throw networkError(cause, false);
        else error = networkError(cause, timeout.signal.aborted);
      } finally {
        clearTimeout(timer);
      }
      lastError = error;
      if (error.kind === 'rate_limited') request.onRateLimited?.(error.retryAfterSeconds ?? 5);
      if (!request.retryable || !error.retrySafe || attempt === this.retry.maxAttempts) break;

      const wait =
        error.kind === 'rate_limited'
          ? (error.retryAfterSeconds ?? 5) * 1000
          : this.random() * Math.min(this.retry.backoffCapMs, this.retry.backoffBaseMs * 2 ** (attempt - 1));
      if (clock.now() + wait >= deadline) break;
      logger.warn(
        {
          operation,
          attempt,
          kind: error.kind,
          status: error.status,
          code: error.code,
          waitMs: Math.round(wait),
        },
        'leuwong call failed, retrying with the same Idempotency-Key',
      );
      await clock.sleep(wait, request.signal);
    }
    throw lastError ?? networkError(new Error('deadline exceeded before the first attempt'), true);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

async function readText(response: Response): Promise<string> {
  const length = Number(response.headers.get('content-length') ?? '0');
  if (length > MAX_BODY_BYTES) {
    await response.body?.cancel();
    return '';
  }
  const text = await response.text();
  return text.length > MAX_BODY_BYTES ? text.slice(0, MAX_BODY_BYTES) : text;
}
