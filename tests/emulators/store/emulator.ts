/** The LeuwongRR User API emulator: a node:http server on 127.0.0.1. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

import { formatRupiah, invoiceDate, isoJakarta, laravelTimestamp, maskEmail, priceFor } from './format.js';
import { CreateRateLimiter } from './rate-limit.js';
import type {
  Account,
  AccountList,
  AccountSpec,
  Fault,
  FaultRoute,
  InjectOptions,
  LedgerEntry,
  RequestRecord,
  Route,
  StoreEmulator,
  StoreEmulatorOptions,
  StoreStats,
} from './types.js';
import { defaultRobloxCheck, validateOrderBody } from './validation.js';

export const DEFAULT_SANDBOX_TOKEN = 'lrrs_v1_emulator_default_sandbox_token';

export const MESSAGES = {
  unauthorized: 'Unauthorized API token.',
  inactive: 'Akun pemilik token tidak aktif atau belum memenuhi syarat API.',
  created: 'Order berhasil dibuat.',
  replayed: 'Order yang sama ditemukan dari Idempotency-Key.',
  tooMany: 'Terlalu banyak request. Silakan coba lagi beberapa saat.',
  invalid: 'The given data was invalid.',
  robloxFailed: 'Validasi resmi Roblox gagal.',
  linkRequired: 'Akun Discord belum terhubung ke akun web.',
  insufficient: 'Saldo tidak cukup.',
  sandboxInvoiceOnly: 'Sandbox API key hanya boleh memakai payment_method invoice.',
  keyInUse: 'Request dengan Idempotency-Key yang sama sedang diproses.',
  invoiceNotFound: 'Invoice tidak ditemukan.',
  orderNotFound: 'Order tidak ditemukan.',
} as const;

interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

interface Ctx {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  rawBody: string;
  body: unknown;
}

interface QueuedFault {
  fault: Fault;
  route: FaultRoute;
  remaining: number;
}

type IdempotencyState = { state: 'pending' } | { state: 'done'; invoiceCode: string };

const json = (status: number, payload: unknown, headers: Record<string, string> = {}): Reply => ({
  status,
  headers: { 'content-type': 'application/json', 'cache-control': 'no-cache, private', ...headers },
  body: JSON.stringify(payload),
});

const fail = (
  status: number,
  message: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Reply => json(status, { success: false, message, ...extra }, headers);

const ok = (data: unknown, status = 200, message = 'OK'): Reply =>
  json(status, { success: true, message, data });

const htmlPage = (status: number): string => {
  const title = `${status} ${http.STATUS_CODES[status] ?? 'Error'}`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
};

function routeOf(method: string, path: string): Route {
  if (method === 'POST' && path === '/api/v1/me/orders') return 'create';
  if (path === '/api/v1/auth/token/validate') return 'validate';
  if (path === '/api/v1/me/balance') return 'balance';
  return 'other';
}

function environmentOf(token: string): 'sandbox' | 'production' {
  return token.startsWith('lrrp_v1_') ? 'production' : 'sandbox';
}

export async function startStoreEmulator(options: StoreEmulatorOptions = {}): Promise<StoreEmulator> {
  const clock = options.clock ?? Date.now;
  const orderLatencyMs = options.orderLatencyMs ?? 0;
  const linkRequiredStatus = options.linkRequiredStatus ?? 403;
  const insufficientBalanceStatus = options.insufficientBalanceStatus ?? 422;
  const robloxCheck = options.robloxCheck ?? defaultRobloxCheck;
  const formatAmount = options.formatAmount ?? formatRupiah;
  const limiter = new CreateRateLimiter(
    options.rateLimit ?? { createPerMinute: 10, maxConcurrent: 3 },
    clock,
  );

  const ledger: LedgerEntry[] = [];
  const requests: RequestRecord[] = [];
  const faults: QueuedFault[] = [];
  const idempotency = new Map<string, IdempotencyState>();
  const timers = new Map<NodeJS.Timeout, () => void>();
  const waiters = new Set<() => void>();
  const stats: StoreStats = {
    rateLimited: 0,
    rateLimitedByWindow: 0,
    rateLimitedByConcurrency: 0,
    created: 0,
    idempotentReplays: 0,
    idempotencyConflicts: 0,
    injectedFaults: 0,
    maxInFlightCreates: 0,
  };
  let invoiceCounter = 0;
  let closed = false;
  let origin = '';

  // ---------------------------------------------------------------- accounts
  const list: Account[] = [];
  let nextId = 1;
  const byToken = (token: string): Account | undefined => list.find((a) => a.token === token);
  const mustFind = (token: string): Account => {
    const account = byToken(token);
    if (!account) throw new Error('store emulator: unknown token');
    return account;
  };
  const addAccount = (spec: AccountSpec): Account => {
    const id = spec.id ?? nextId;
    nextId = Math.max(nextId, id + 1);
    const account: Account = {
      id,
      name: spec.name ?? `LeuwongRR User ${id}`,
      email: spec.email ?? `user${id}@example.com`,
      token: spec.token,
      environment: spec.environment ?? environmentOf(spec.token),
      status: spec.status ?? 'active',
      balance: spec.balance ?? 25_000,
      linkedDiscordIds: [...(spec.linkedDiscordIds ?? [])],
      revoked: spec.revoked ?? false,
      lastUsedAt: null,
    };
    list.push(account);
    return account;
  };
  const revoke = (token: string): Account => {
    const account = mustFind(token);
    account.revoked = true;
    return account;
  };
  const link = (token: string, discordId: string): Account => {
    const account = mustFind(token);
    if (!account.linkedDiscordIds.includes(discordId)) account.linkedDiscordIds.push(discordId);
    return account;
  };
  const accounts: AccountList = Object.assign(list, { addAccount, revoke, link, byToken });
  for (const spec of options.accounts ?? [{ token: DEFAULT_SANDBOX_TOKEN }]) addAccount(spec);

  // ---------------------------------------------------------------- helpers
  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      if (ms <= 0 || closed) {
        resolve();
        return;
      }
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.set(timer, resolve);
    });

  const notify = (): void => {
    for (const waiter of [...waiters]) waiter();
  };

  const takeFault = (route: Route): Fault | undefined => {
    const index = faults.findIndex((f) => f.route === 'any' || f.route === route);
    const queued = faults[index];
    if (!queued) return undefined;
    queued.remaining -= 1;
    if (queued.remaining <= 0) faults.splice(index, 1);
    return queued.fault;
  };

  const authenticate = (ctx: Ctx): Account | Reply => {
    const authorization = ctx.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    const token = match?.[1] ?? ctx.headers['x-user-api-token']?.trim() ?? '';
    const account = token === '' ? undefined : byToken(token);
    if (!account || account.revoked) return fail(401, MESSAGES.unauthorized);
    if (account.status !== 'active') return fail(403, MESSAGES.inactive);
    return account;
  };

  const invoicePayload = (entry: LedgerEntry): Record<string, unknown> => ({
    invoice_code: entry.invoiceCode,
    type: 'order',
    payment_status: entry.paymentStatus,
    amount: entry.amount,
    formatted_amount: formatAmount(entry.amount),
    currency: 'IDR',
    payment_method: entry.paymentMethod,
    payment_url: '',
    invoice_url: `${origin}/user/invoice/${entry.invoiceCode}`,
    order: {
      status: entry.orderStatus,
      order_type: entry.order.order_type,
      roblox_username: entry.order.roblox_username,
      robux_amount: entry.robuxAmount,
    },
  });

  const orderPayload = (entry: LedgerEntry): Record<string, unknown> => ({
    invoice_code: entry.invoiceCode,
    status: entry.orderStatus,
    payment_status: entry.paymentStatus,
    order_type: entry.order.order_type,
    roblox_username: entry.order.roblox_username,
    place_id: entry.order.place_id,
    roblox_pass_id: entry.order.roblox_pass_id,
    robux_amount: entry.robuxAmount,
    amount: entry.amount,
    formatted_amount: formatAmount(entry.amount),
    payment_method: entry.paymentMethod,
    client_reference: entry.order.client_reference ?? null,
    created_at: laravelTimestamp(entry.at),
  });

  const ownEntry = (account: Account, invoice: string): LedgerEntry | undefined =>
    ledger.find((e) => e.invoiceCode === invoice && e.accountId === account.id);

  // ---------------------------------------------------------------- create order
  const createOrder = async (ctx: Ctx, account: Account): Promise<Reply> => {
    const acquired = limiter.acquire(account.token);
    stats.maxInFlightCreates = limiter.peakInFlight;
    if (!acquired.ok) {
      stats.rateLimited += 1;
      if (acquired.reason === 'window') stats.rateLimitedByWindow += 1;
      else stats.rateLimitedByConcurrency += 1;
      return json(429, { success: false, message: MESSAGES.tooMany }, acquired.headers);
    }
    try {
      const reply = await createOrderLimited(ctx, account);
      return { ...reply, headers: { ...reply.headers, ...acquired.headers } };
    } finally {
      acquired.release();
    }
  };

  const createOrderLimited = async (ctx: Ctx, account: Account): Promise<Reply> => {
    const contentType = ctx.headers['content-type'] ?? '';
    if (!/^application\/([\w.+-]+\+)?json\b/i.test(contentType.trim())) {
      return fail(400, 'Content-Type harus application/json.');
    }
    if (ctx.body === undefined) return fail(400, 'Body request harus berupa JSON yang valid.');
    if (typeof ctx.body !== 'object' || ctx.body === null || Array.isArray(ctx.body)) {
      return fail(422, MESSAGES.invalid, { errors: { body: ['The request body must be a JSON object.'] } });
    }
    const body = ctx.body as Record<string, unknown>;
    const result = validateOrderBody(body);
    if (!result.ok) {
      if (result.kind === 'forbidden') {
        return fail(
          422,
          `Request berisi field yang tidak diizinkan untuk User API: ${result.fields.join(', ')}.`,
          {
            error: { code: 'FORBIDDEN_FIELDS', fields: result.fields },
          },
        );
      }
      return fail(422, MESSAGES.invalid, { errors: result.errors });
    }
    const order = result.order;
    if (account.environment === 'sandbox' && order.payment_method !== 'invoice') {
      return fail(422, MESSAGES.sandboxInvoiceOnly, { error: { code: 'SANDBOX_INVOICE_ONLY' } });
    }

    const key = ctx.headers['idempotency-key']?.trim() ?? '';
    const slot = key === '' ? undefined : `${account.id}\n${key}`;
    if (slot !== undefined) {
      const state = idempotency.get(slot);
      if (state?.state === 'pending') {
        stats.idempotencyConflicts += 1;
        return fail(409, MESSAGES.keyInUse, { error: { code: 'IDEMPOTENCY_KEY_IN_USE' } });
      }
      if (state?.state === 'done') {
        const previous = ledger.find((e) => e.invoiceCode === state.invoiceCode);
        if (previous) {
          stats.idempotentReplays += 1;
          return ok(
            { invoice: invoicePayload(previous), environment: previous.environment, idempotent: true },
            200,
            MESSAGES.replayed,
          );
        }
      }
      idempotency.set(slot, { state: 'pending' });
    }

    let committed = false;
    try {
      await sleep(orderLatencyMs);
      if (!robloxCheck(order)) {
        return fail(422, MESSAGES.robloxFailed, { error: { code: 'ROBLOX_VALIDATION_FAILED' } });
      }
      const discordUserId = ctx.headers['x-discord-user-id']?.trim() ?? '';
      const { robux, amount } = priceFor(order.roblox_pass_id);
      if (order.payment_method === 'balance') {
        if (discordUserId === '' || !account.linkedDiscordIds.includes(discordUserId)) {
          return fail(linkRequiredStatus, MESSAGES.linkRequired, {
            error: { code: 'DISCORD_LINK_REQUIRED' },
          });
        }
        if (account.balance < amount) {
          return fail(insufficientBalanceStatus, MESSAGES.insufficient, { code: 'INSUFFICIENT_BALANCE' });
        }
        account.balance -= amount;
      }
      invoiceCounter += 1;
      const now = clock();
      const prefix = account.environment === 'sandbox' ? 'SBX-INV' : 'INV';
      const entry: LedgerEntry = {
        invoiceCode: `${prefix}${invoiceDate(now)}${String(invoiceCounter).padStart(4, '0')}`,
        accountId: account.id,
        token: account.token,
        environment: account.environment,
        idempotencyKey: key === '' ? null : key,
        discordUserId: discordUserId === '' ? null : discordUserId,
        body,
        order,
        robuxAmount: robux,
        amount,
        paymentMethod: order.payment_method,
        paymentStatus: order.payment_method === 'balance' ? 'paid' : 'pending',
        orderStatus: 'pending',
        at: now,
      };
      ledger.push(entry);
      committed = true;
      stats.created += 1;
      if (slot !== undefined) idempotency.set(slot, { state: 'done', invoiceCode: entry.invoiceCode });
      return ok(
        { invoice: invoicePayload(entry), environment: entry.environment, idempotent: false },
        201,
        MESSAGES.created,
      );
    } finally {
      if (!committed && slot !== undefined) idempotency.delete(slot);
    }
  };

  // ---------------------------------------------------------------- routing
  type Handler = (ctx: Ctx, params: string[]) => Reply | Promise<Reply>;
  const authed =
    (handler: (ctx: Ctx, account: Account, params: string[]) => Reply | Promise<Reply>): Handler =>
    (ctx, params) => {
      const account = authenticate(ctx);
      if (!('id' in account)) return account;
      account.lastUsedAt = clock();
      return handler(ctx, account, params);
    };

  const routes: { pattern: RegExp; methods: Partial<Record<string, Handler>> }[] = [
    {
      pattern: /^\/api\/v1\/health$/,
      methods: { GET: () => ok({ service: 'LeuwongRR REST API v1', enabled: true }) },
    },
    {
      pattern: /^\/api\/v1\/auth\/token\/validate$/,
      methods: {
        POST: (ctx) => {
          const account = authenticate(ctx);
          if (!('id' in account)) return account;
          const lastUsed = account.lastUsedAt;
          account.lastUsedAt = clock();
          return ok({
            valid: true,
            connected: true,
            base_url: `${origin}/api/v1`,
            token: {
              name: 'User API Token',
              prefix: account.token.slice(0, 8),
              environment: account.environment,
              last_used_at: lastUsed === null ? null : laravelTimestamp(lastUsed),
            },
            user: {
              id: account.id,
              name: account.name,
              email: maskEmail(account.email),
              status: account.status,
              balance: account.balance,
              currency: 'IDR',
            },
            next_steps: [
              'GET /api/v1/me',
              'GET /api/v1/me/balance',
              'POST /api/v1/me/orders',
              'GET /api/v1/me/invoices/{invoice}/status',
            ],
          });
        },
      },
    },
    {
      pattern: /^\/api\/v1\/me$/,
      methods: {
        GET: authed((_ctx, account) =>
          ok({ user: { id: account.id, name: account.name, email: account.email } }),
        ),
      },
    },
    {
      pattern: /^\/api\/v1\/me\/balance$/,
      methods: {
        GET: authed((_ctx, account) =>
          ok({
            balance: { amount: account.balance, formatted: formatRupiah(account.balance), currency: 'IDR' },
            updated_at: isoJakarta(clock()),
          }),
        ),
      },
    },
    {
      pattern: /^\/api\/v1\/me\/orders$/,
      methods: {
        GET: authed((ctx, account) => {
          const limitRaw = Number(ctx.query.get('limit') ?? 20);
          const limit = Number.isInteger(limitRaw) ? Math.min(100, Math.max(1, limitRaw)) : 20;
          const own = ledger
            .filter((e) => e.accountId === account.id)
            .reverse()
            .slice(0, limit);
          return ok({ orders: own.map(orderPayload) });
        }),
        POST: authed((ctx, account) => createOrder(ctx, account)),
      },
    },
    {
      pattern: /^\/api\/v1\/me\/orders\/([^/]+)$/,
      methods: {
        GET: authed((_ctx, account, [invoice]) => {
          const entry = ownEntry(account, invoice ?? '');
          return entry ? ok({ order: orderPayload(entry) }) : fail(404, MESSAGES.orderNotFound);
        }),
      },
    },
    {
      pattern: /^\/api\/v1\/me\/invoices\/([^/]+)$/,
      methods: {
        GET: authed((_ctx, account, [invoice]) => {
          const entry = ownEntry(account, invoice ?? '');
          return entry ? ok({ invoice: invoicePayload(entry) }) : fail(404, MESSAGES.invoiceNotFound);
        }),
      },
    },
    {
      pattern: /^\/api\/v1\/me\/invoices\/([^/]+)\/status$/,
      methods: {
        GET: authed((_ctx, account, [invoice]) => {
          const entry = ownEntry(account, invoice ?? '');
          if (!entry) return fail(404, MESSAGES.invoiceNotFound);
          return ok({
            invoice: {
              invoice_code: entry.invoiceCode,
              type: 'order',
              payment_status: entry.paymentStatus,
              amount: entry.amount,
            },
          });
        }),
      },
    },
  ];

  const dispatch = async (ctx: Ctx): Promise<Reply> => {
    for (const route of routes) {
      const match = route.pattern.exec(ctx.path);
      if (!match) continue;
      const handler = route.methods[ctx.method];
      if (!handler) {
        const allow = Object.keys(route.methods).join(', ');
        return fail(405, `The ${ctx.method} method is not supported for this route.`, {}, { allow });
      }
      const params = match.slice(1).map((p) => decodeURIComponent(p));
      return handler(ctx, params);
    }
    return fail(404, 'Endpoint tidak ditemukan.');
  };

  // ---------------------------------------------------------------- server
  const send = (res: http.ServerResponse, reply: Reply): void => {
    if (res.destroyed || res.headersSent) return;
    res.writeHead(reply.status, {
      ...reply.headers,
      'content-length': String(Buffer.byteLength(reply.body)),
    });
    res.end(reply.body);
  };

  const faultReply = (fault: Fault): Reply | undefined => {
    switch (fault.type) {
      case 'status': {
        const body =
          fault.body === undefined
            ? JSON.stringify({ success: false, message: 'Server Error' })
            : typeof fault.body === 'string'
              ? fault.body
              : JSON.stringify(fault.body);
        return {
          status: fault.status,
          headers: { 'content-type': 'application/json', ...(fault.headers ?? {}) },
          body,
        };
      }
      case 'rate_limit': {
        const limit = options.rateLimit === false ? 10 : (options.rateLimit?.createPerMinute ?? 10);
        return json(
          429,
          { success: false, message: MESSAGES.tooMany },
          {
            'retry-after': String(fault.retryAfterSeconds),
            'x-ratelimit-limit': String(limit),
            'x-ratelimit-remaining': '0',
            'x-ratelimit-reset': String(Math.ceil(clock() / 1000) + fault.retryAfterSeconds),
          },
        );
      }
      case 'html':
        return {
          status: fault.status,
          headers: { 'content-type': 'text/html' },
          body: htmlPage(fault.status),
        };
      case 'malformed_json':
        return {
          status: fault.status,
          headers: { 'content-type': 'application/json' },
          body: '{"success":false,"message":"Server Er',
        };
      default:
        return undefined;
    }
  };

  const handleRequest = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of req) chunks.push(chunk as Buffer);
    } catch {
      return; // client went away mid-body
    }
    const at = performance.now();
    const rawBody = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
    const method = (req.method ?? 'GET').toUpperCase();
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
    }
    let body: unknown = undefined;
    if (rawBody.trim() !== '') {
      try {
        body = JSON.parse(rawBody) as unknown;
      } catch {
        body = undefined;
      }
    }
    const route = routeOf(method, path);
    const record: RequestRecord = {
      method,
      path,
      url: req.url ?? '/',
      route,
      headers,
      rawBody,
      body,
      at,
      status: 0,
      durationMs: null,
    };
    requests.push(record);
    notify();

    let finished = false;
    const finish = (status: number): void => {
      if (finished) return;
      finished = true;
      record.status = status;
      record.durationMs = performance.now() - at;
      options.onRequest?.(record);
    };
    res.on('close', () => {
      finish(res.writableFinished ? res.statusCode : 0);
    });
    const dropSocket = (): void => {
      req.socket.destroy();
      finish(0);
    };

    const fault = takeFault(route);
    if (fault) {
      record.fault = fault.type;
      stats.injectedFaults += 1;
    }
    if (fault?.type === 'delay') await sleep(fault.ms);
    if (closed) return;
    if (fault?.type === 'hang') return; // never answered; sockets are destroyed by pause()/close()
    if (fault?.type === 'drop_before_commit') {
      dropSocket();
      return;
    }
    const injected = fault ? faultReply(fault) : undefined;
    if (injected) {
      send(res, injected);
      return;
    }

    const ctx: Ctx = { method, path, query: url.searchParams, headers, rawBody, body };
    let reply: Reply;
    try {
      reply = await dispatch(ctx);
    } catch (error) {
      reply = fail(500, 'Server Error', { emulator_error: String(error) });
    }
    if (fault?.type === 'drop_after_commit') {
      dropSocket();
      return;
    }
    // Committed (or refused), but the answer never leaves: the client sees a timeout.
    if (fault?.type === 'hang_after_commit') return;
    if (fault?.type === 'delay_after_commit') {
      await sleep(fault.ms);
      // `closed` may have changed while this request slept.
      if (closed as boolean) return;
    }
    send(res, reply);
  };

  const server = http.createServer((req, res) => {
    void handleRequest(req, res);
  });
  server.keepAliveTimeout = 5_000;

  const listen = (port: number): Promise<number> =>
    new Promise((resolve, reject) => {
      const onError = (error: Error): void => {
        reject(error);
      };
      server.once('error', onError);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', onError);
        resolve((server.address() as AddressInfo).port);
      });
    });

  const stopListening = (): Promise<void> =>
    new Promise((resolve) => {
      if (!server.listening) {
        server.closeAllConnections();
        resolve();
        return;
      }
      server.close(() => {
        resolve();
      });
      server.closeAllConnections();
    });

  const port = await listen(options.port ?? 0);
  origin = `http://127.0.0.1:${port}`;

  const waitForRequests = (
    n: number,
    route: FaultRoute = 'any',
    timeoutMs = 5_000,
  ): Promise<RequestRecord[]> =>
    new Promise((resolve, reject) => {
      const matching = (): RequestRecord[] => requests.filter((r) => route === 'any' || r.route === route);
      const check = (): boolean => {
        const found = matching();
        if (found.length < n) return false;
        waiters.delete(waiter);
        clearTimeout(timer);
        resolve(found);
        return true;
      };
      const waiter = (): void => {
        check();
      };
      const timer = setTimeout(() => {
        waiters.delete(waiter);
        reject(
          new Error(
            `store emulator: expected ${n} '${route}' request(s) within ${timeoutMs} ms, got ${matching().length}`,
          ),
        );
      }, timeoutMs);
      waiters.add(waiter);
      check();
    });

  return {
    baseUrl: `${origin}/api/v1`,
    origin,
    port,
    accounts,
    ledger,
    requests,
    stats,
    addAccount,
    revoke,
    link,
    setPaymentStatus(invoiceCode, paymentStatus) {
      const entry = ledger.find((e) => e.invoiceCode === invoiceCode);
      if (!entry) throw new Error(`store emulator: unknown invoice ${invoiceCode}`);
      entry.paymentStatus = paymentStatus;
      return entry;
    },
    inject(fault, opts: InjectOptions = {}) {
      faults.push({ fault, route: opts.route ?? 'create', remaining: opts.times ?? 1 });
    },
    clearFaults() {
      faults.length = 0;
    },
    pause: stopListening,
    async resume() {
      if (closed) throw new Error('store emulator: closed');
      if (!server.listening) await listen(port);
    },
    waitForRequests,
    async close() {
      if (closed) return;
      closed = true;
      for (const [timer, resolve] of timers) {
        clearTimeout(timer);
        resolve();
      }
      timers.clear();
      await stopListening();
    },
  };
}
