import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import { UpstreamError } from '../errors.js';
import type { Metrics } from '../metrics.js';
import { badResponse, mapErrorResponse, networkError, tooLarge } from './errors.js';
import {
  asEnvironment,
  balanceSchema,
  invoiceStatusSchema,
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
  /** Counts and times each attempt, by route (the operation) and status. */
  metrics?: Pick<Metrics, 'storeRequests' | 'storeSeconds'>;
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

interface StoreRequest {
  method: 'GET' | 'POST';
  path: string;
  token: string;
  body?: string;
  headers?: Record<string, string>;
  retryable: boolean;
  beforeAttempt?: (attempt: number) => Promise<void>;
  onRateLimited?: (retryAfterSeconds: number) => void;
  signal?: AbortSignal;
}

interface StoreAnswer {
  status: number;
  text: string;
  json: unknown;
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

  /** The payment status of one of the token's invoices (`pending`, `paid`, `expired`…). */
  async getInvoiceStatus(token: string, invoiceCode: string): Promise<string> {
    const response = await this.send(
      {
        method: 'GET',
        path: `/me/invoices/${encodeURIComponent(invoiceCode)}/status`,
        token,
        retryable: true,
      },
      'invoice_status',
    );
    const parsed = invoiceStatusSchema.safeParse(response.json);
    if (!parsed.success) throw badResponse(response.status, response.text, parsed.error);
    return parsed.data.data.invoice.payment_status;
  }

  /** A request with retries: the same bytes each time, within the policy's deadline. */
  private async send(request: StoreRequest, operation: string): Promise<StoreAnswer> {
    const { clock, logger } = this.options;
    const deadline = clock.now() + this.retry.deadlineMs;
    let lastError: UpstreamError | undefined;
    for (let attempt = 1; attempt <= this.retry.maxAttempts; attempt++) {
      const remaining = deadline - clock.now();
      if (remaining <= 0) break;
      await request.beforeAttempt?.(attempt);
      const result = await this.attempt(
        request,
        Math.min(this.retry.attemptTimeoutMs, remaining),
        operation,
        attempt,
      );
      if (!(result instanceof UpstreamError)) return result;
      lastError = result;
      if (result.kind === 'rate_limited') request.onRateLimited?.(result.retryAfterSeconds ?? 5);
      if (!request.retryable || !result.retrySafe || attempt === this.retry.maxAttempts) break;
      const wait =
        result.kind === 'rate_limited'
          ? (result.retryAfterSeconds ?? 5) * 1000
          : this.random() * Math.min(this.retry.backoffCapMs, this.retry.backoffBaseMs * 2 ** (attempt - 1));
      if (clock.now() + wait >= deadline) break;
      logger.warn(
        {
          operation,
          attempt,
          kind: result.kind,
          status: result.status,
          code: result.code,
          waitMs: Math.round(wait),
        },
        'leuwong call failed, retrying with the same Idempotency-Key',
      );
      await clock.sleep(wait, request.signal);
    }
    throw lastError ?? networkError(new Error('deadline exceeded before the first attempt'), true);
  }

  /** One attempt: the store's answer, or the error it maps to. Throws only when the caller's signal aborts it. */
  private async attempt(
    request: StoreRequest,
    timeoutMs: number,
    operation: string,
    attempt: number,
  ): Promise<StoreAnswer | UpstreamError> {
    const { clock, logger } = this.options;
    // Cleared once the attempt is over: an AbortSignal.timeout would keep the finished request
    // alive until its time is up.
    const timeout = new AbortController();
    const timer = setTimeout(() => {
      timeout.abort(new DOMException('The attempt timed out', 'TimeoutError'));
    }, timeoutMs);
    const signal = request.signal ? AbortSignal.any([timeout.signal, request.signal]) : timeout.signal;
    const started = clock.now();
    try {
      const response = await fetch(`${this.baseUrl}${request.path}`, {
        method: request.method,
        headers: this.headers(request),
        ...(request.body === undefined ? {} : { body: request.body }),
        signal,
        redirect: 'error',
      });
      const text = await readCapped(response, MAX_BODY_BYTES);
      logger.debug(
        {
          operation,
          attempt,
          status: response.status,
          ms: clock.now() - started,
          tooLarge: text === undefined,
        },
        'leuwong response',
      );
      this.observe(operation, String(response.status), started);
      if (text === undefined) return tooLarge(response.status, MAX_BODY_BYTES);
      return readAnswer(response.status, response.ok, response.headers, text, clock.now());
    } catch (cause) {
      const status = request.signal?.aborted ? 'aborted' : timeout.signal.aborted ? 'timeout' : 'network';
      this.observe(operation, status, started);
      if (request.signal?.aborted) throw networkError(cause, false);
      return networkError(cause, timeout.signal.aborted);
    } finally {
      clearTimeout(timer);
    }
  }

  private observe(route: string, status: string, started: number): void {
    const metrics = this.options.metrics;
    if (!metrics) return;
    metrics.storeRequests.inc({ route, status });
    metrics.storeSeconds.observe({ route }, (this.options.clock.now() - started) / 1000);
  }

  private headers(request: StoreRequest): Record<string, string> {
    return {
      Authorization: `Bearer ${request.token}`,
      Accept: 'application/json',
      ...(request.body === undefined ? {} : { 'Content-Type': 'application/json' }),
      'User-Agent': this.options.userAgent ?? 'leuwongrr-order-bot',
      ...request.headers,
    };
  }
}

/**
 * A 2xx with a JSON body is the answer. A 2xx that says `success: false` is the store's refusal (a
 * 422 when it says 200); a 2xx whose body is not JSON may hide an order, so it is a bad response.
 */
function readAnswer(
  status: number,
  ok: boolean,
  headers: Headers,
  text: string,
  nowMs: number,
): StoreAnswer | UpstreamError {
  if (!ok) return mapErrorResponse(status, text, headers, nowMs);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    return badResponse(status, text, cause);
  }
  if (isObject(json) && json.success === false)
    return mapErrorResponse(status === 200 ? 422 : status, text, headers, nowMs);
  return { status, text, json };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * The body as text, or undefined once it is longer than `maxBytes`: a declared Content-Length over
 * the cap is refused unread, and a body without one is read chunk by chunk and cancelled (its
 * connection closed) as soon as the cap is passed, so no answer is ever held whole in memory.
 */
async function readCapped(response: Response, maxBytes: number): Promise<string | undefined> {
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > maxBytes) {
    await response.body?.cancel();
    return undefined;
  }
  if (!response.body) return '';
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size).toString('utf8');
}
