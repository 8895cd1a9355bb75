import { afterEach, describe, expect, it } from 'vitest';

import {
  DEFAULT_SANDBOX_TOKEN,
  startStoreEmulator,
  type StoreEmulator,
  type StoreEmulatorOptions,
} from './store/index.js';

const PROD = 'lrrp_v1_test_production_token';
const DISCORD = '1262024148939440249';

let emu: StoreEmulator | undefined;

async function start(options: StoreEmulatorOptions = {}): Promise<StoreEmulator> {
  emu = await startStoreEmulator(options);
  return emu;
}

afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

const validOrder = {
  order_type: 'gamepass',
  roblox_username: 'LeuwongUser',
  place_id: 123456789,
  roblox_pass_id: 100, // robux 110, amount 16.500
  payment_method: 'invoice',
  client_reference: 'bot-order-001',
};

interface CallOptions {
  token?: string | null;
  method?: string;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

async function call(
  e: StoreEmulator,
  path: string,
  opts: CallOptions = {},
): Promise<{ status: number; headers: Headers; json: Record<string, unknown>; text: string }> {
  const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
  const token = opts.token === undefined ? DEFAULT_SANDBOX_TOKEN : opts.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  let body: string | undefined = opts.rawBody;
  if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['content-type'] ??= 'application/json';
  }
  const res = await fetch(`${e.baseUrl}${path}`, {
    method: opts.method ?? (body === undefined ? 'GET' : 'POST'),
    headers,
    ...(body === undefined ? {} : { body }),
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  const text = await res.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // not JSON (fault tests inspect text)
  }
  return { status: res.status, headers: res.headers, json, text };
}

const createOrder = (e: StoreEmulator, opts: CallOptions = {}) =>
  call(e, '/me/orders', { method: 'POST', body: validOrder, ...opts });

interface DataJson {
  invoice: { invoice_code: string; payment_status: string } & Record<string, unknown>;
  order: { invoice_code: string } & Record<string, unknown>;
  orders: Record<string, unknown>[];
  idempotent: boolean;
  environment: string;
  [key: string]: unknown;
}

const data = (r: { json: Record<string, unknown> }): DataJson => r.json.data as DataJson;

describe('store emulator: read endpoints and auth', () => {
  it('serves health without auth and the documented URLs', async () => {
    const e = await start();
    expect(e.baseUrl).toBe(`${e.origin}/api/v1`);
    expect(e.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const r = await call(e, '/health', { token: null });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({
      success: true,
      message: 'OK',
      data: { service: 'LeuwongRR REST API v1', enabled: true },
    });
  });

  it('validates a token with the openapi shape and a masked email', async () => {
    const e = await start();
    const r = await call(e, '/auth/token/validate', { method: 'POST' });
    expect(r.status).toBe(200);
    const d = data(r);
    expect(d.valid).toBe(true);
    expect(d.connected).toBe(true);
    expect(d.base_url).toBe(e.baseUrl);
    expect(d.token).toMatchObject({ name: 'User API Token', prefix: 'lrrs_v1_', environment: 'sandbox' });
    expect(d.user).toMatchObject({
      id: 1,
      email: 'us***@example.com',
      status: 'active',
      balance: 25000,
      currency: 'IDR',
    });
    expect(d.next_steps).toContain('POST /api/v1/me/orders');
  });

  it('accepts X-User-API-Token as a fallback and records the authorization header', async () => {
    const e = await start();
    const r = await call(e, '/me', { token: null, headers: { 'x-user-api-token': DEFAULT_SANDBOX_TOKEN } });
    expect(r.status).toBe(200);
    expect(data(r).user).toMatchObject({ id: 1, email: 'user1@example.com' });
    await call(e, '/me');
    expect(e.requests.at(-1)?.headers.authorization).toBe(`Bearer ${DEFAULT_SANDBOX_TOKEN}`);
  });

  it('answers 401 for unknown, missing and revoked tokens, 403 for suspended accounts', async () => {
    const e = await start({
      accounts: [{ token: DEFAULT_SANDBOX_TOKEN }, { token: PROD, status: 'suspended' }],
    });
    const unauthorized = { success: false, message: 'Unauthorized API token.' };
    expect((await call(e, '/me', { token: 'lrrs_v1_nope' })).json).toEqual(unauthorized);
    const missing = await call(e, '/me/balance', { token: null });
    expect(missing.status).toBe(401);
    const suspended = await call(e, '/me', { token: PROD });
    expect(suspended.status).toBe(403);
    expect(suspended.json).toEqual({
      success: false,
      message: 'Akun pemilik token tidak aktif atau belum memenuhi syarat API.',
    });
    e.revoke(DEFAULT_SANDBOX_TOKEN);
    const revoked = await call(e, '/auth/token/validate', { method: 'POST' });
    expect(revoked.status).toBe(401);
    expect(revoked.json).toEqual(unauthorized);
  });

  it('reports the balance formatted in rupiah', async () => {
    const e = await start();
    const r = await call(e, '/me/balance');
    expect(data(r).balance).toEqual({ amount: 25000, formatted: 'Rp25.000', currency: 'IDR' });
    expect(data(r).updated_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$/);
  });

  it('lists and reads own orders and invoices only', async () => {
    const e = await start({ accounts: [{ token: DEFAULT_SANDBOX_TOKEN }, { token: 'lrrs_v1_other' }] });
    const created = await createOrder(e);
    const code = data(created).invoice.invoice_code;

    const list = await call(e, '/me/orders');
    expect(data(list).orders).toHaveLength(1);
    expect(data(list).orders[0]).toMatchObject({ invoice_code: code, status: 'pending' });
    expect(data(await call(e, `/me/orders/${code}`)).order.invoice_code).toBe(code);
    expect(data(await call(e, `/me/invoices/${code}`)).invoice).toMatchObject({
      invoice_code: code,
      amount: 16500,
    });
    const status = await call(e, `/me/invoices/${code}/status`);
    expect(data(status).invoice).toEqual({
      invoice_code: code,
      type: 'order',
      payment_status: 'pending',
      amount: 16500,
    });
    e.setPaymentStatus(code, 'paid');
    expect(data(await call(e, `/me/invoices/${code}/status`)).invoice.payment_status).toBe('paid');

    const other = { token: 'lrrs_v1_other' };
    expect(data(await call(e, '/me/orders', other)).orders).toEqual([]);
    const foreign = await call(e, `/me/invoices/${code}`, other);
    expect(foreign.status).toBe(404);
    expect(foreign.json).toEqual({ success: false, message: 'Invoice tidak ditemukan.' });
    expect((await call(e, `/me/invoices/${code}/status`, other)).status).toBe(404);
    expect((await call(e, `/me/orders/${code}`, other)).status).toBe(404);
    expect((await call(e, '/me/invoices/INV-UNKNOWN')).status).toBe(404);
  });

  it('answers 404 JSON for unknown paths and 405 JSON for wrong methods', async () => {
    const e = await start();
    const unknown = await call(e, '/nope');
    expect(unknown.status).toBe(404);
    expect(unknown.json.success).toBe(false);
    const wrong = await call(e, '/health', { method: 'DELETE' });
    expect(wrong.status).toBe(405);
    expect(wrong.json.success).toBe(false);
    expect(wrong.headers.get('content-type')).toContain('application/json');
  });
});

describe('store emulator: create order', () => {
  it('creates a sandbox invoice order (201) and records it in the ledger', async () => {
    const e = await start();
    const r = await createOrder(e, { headers: { 'idempotency-key': 'k1', 'x-discord-user-id': DISCORD } });
    expect(r.status).toBe(201);
    expect(r.json.message).toBe('Order berhasil dibuat.');
    const d = data(r);
    expect(d.environment).toBe('sandbox');
    expect(d.idempotent).toBe(false);
    const invoice = d.invoice as Record<string, unknown>;
    expect(invoice).toMatchObject({
      type: 'order',
      payment_status: 'pending',
      amount: 16500,
      formatted_amount: 'Rp16.500',
      currency: 'IDR',
      payment_method: 'invoice',
      payment_url: '',
      order: { status: 'pending', order_type: 'gamepass', roblox_username: 'LeuwongUser', robux_amount: 110 },
    });
    expect(invoice.invoice_code).toMatch(/^SBX-INV\d{8}\d{4}$/);
    expect(invoice.invoice_url).toBe(`${e.origin}/user/invoice/${invoice.invoice_code as string}`);
    expect(e.ledger).toHaveLength(1);
    expect(e.ledger[0]).toMatchObject({
      invoiceCode: invoice.invoice_code,
      accountId: 1,
      token: DEFAULT_SANDBOX_TOKEN,
      idempotencyKey: 'k1',
      discordUserId: DISCORD,
      amount: 16500,
      paymentMethod: 'invoice',
      paymentStatus: 'pending',
    });
    expect(r.headers.get('x-ratelimit-limit')).toBe('10');
    expect(r.headers.get('x-ratelimit-remaining')).toBe('9');
  });

  it('accepts the gamepass_id alias and defaults order_type and payment_method', async () => {
    const e = await start();
    const r = await call(e, '/me/orders', {
      body: { roblox_username: 'Someone', place_id: 5, gamepass_id: 20 },
    });
    expect(r.status).toBe(201);
    expect(e.ledger[0]?.order).toMatchObject({
      order_type: 'gamepass',
      roblox_pass_id: 20,
      payment_method: 'invoice',
    });
  });

  it('pays with balance on production when the Discord user is linked', async () => {
    const e = await start({ accounts: [{ token: PROD, balance: 50_000, linkedDiscordIds: [DISCORD] }] });
    const r = await createOrder(e, {
      token: PROD,
      body: { ...validOrder, payment_method: 'balance' },
      headers: { 'x-discord-user-id': DISCORD },
    });
    expect(r.status).toBe(201);
    expect(data(r).environment).toBe('production');
    expect(data(r).invoice).toMatchObject({ payment_status: 'paid', payment_method: 'balance' });
    expect(data(r).invoice.invoice_code).toMatch(/^INV\d{12}$/);
    expect(e.accounts[0]?.balance).toBe(50_000 - 16_500);
  });

  it('refuses forbidden fields with FORBIDDEN_FIELDS', async () => {
    const e = await start();
    const r = await createOrder(e, { body: { ...validOrder, user_id: 7, price: 1 } });
    expect(r.status).toBe(422);
    expect(r.json).toEqual({
      success: false,
      message: 'Request berisi field yang tidak diizinkan untuk User API: user_id, price.',
      error: { code: 'FORBIDDEN_FIELDS', fields: ['user_id', 'price'] },
    });
    expect(e.ledger).toHaveLength(0);
  });

  it.each([
    [{ ...validOrder, place_id: 'abc' }, 'place_id', 'The place id must be an integer.'],
    [{ ...validOrder, place_id: 1.5 }, 'place_id', 'The place id must be an integer.'],
    [{ ...validOrder, roblox_pass_id: 0 }, 'roblox_pass_id', 'The roblox pass id must be at least 1.'],
    [{ ...validOrder, roblox_username: '' }, 'roblox_username', 'The roblox username field is required.'],
    [{ ...validOrder, order_type: 'robux' }, 'order_type', 'The selected order type is invalid.'],
    [{ ...validOrder, payment_method: 'qris' }, 'payment_method', 'The selected payment method is invalid.'],
    [{ ...validOrder, discord_id: '1' }, 'discord_id', 'The discord id field is not allowed.'],
  ])('answers Laravel-shaped 422 for invalid data (%#)', async (body, field, message) => {
    const e = await start();
    const r = await createOrder(e, { body });
    expect(r.status).toBe(422);
    expect(r.json.success).toBe(false);
    expect(r.json.message).toBe('The given data was invalid.');
    expect((r.json.errors as Record<string, string[]>)[field]).toEqual([message]);
  });

  it('refuses non-JSON content types, bad JSON and non-object bodies', async () => {
    const e = await start();
    const form = await call(e, '/me/orders', {
      method: 'POST',
      rawBody: 'roblox_username=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.status).toBe(400);
    const broken = await call(e, '/me/orders', {
      method: 'POST',
      rawBody: '{"roblox_username":',
      headers: { 'content-type': 'application/json' },
    });
    expect(broken.status).toBe(400);
    const array = await createOrder(e, { body: [validOrder] });
    expect(array.status).toBe(422);
    expect(e.ledger).toHaveLength(0);
  });

  it('allows only invoice payment on sandbox', async () => {
    const e = await start({ accounts: [{ token: DEFAULT_SANDBOX_TOKEN, linkedDiscordIds: [DISCORD] }] });
    const r = await createOrder(e, {
      body: { ...validOrder, payment_method: 'balance' },
      headers: { 'x-discord-user-id': DISCORD },
    });
    expect(r.status).toBe(422);
    expect((r.json.error as Record<string, unknown>).code).toBe('SANDBOX_INVOICE_ONLY');
  });

  it('requires a linked Discord ID for balance (configurable status)', async () => {
    const e = await start({
      accounts: [{ token: PROD, linkedDiscordIds: [DISCORD] }],
      linkRequiredStatus: 409,
    });
    const body = { ...validOrder, payment_method: 'balance' };
    const expected = {
      success: false,
      message: 'Akun Discord belum terhubung ke akun web.',
      error: { code: 'DISCORD_LINK_REQUIRED' },
    };
    const missing = await createOrder(e, { token: PROD, body });
    expect(missing.status).toBe(409);
    expect(missing.json).toEqual(expected);
    const stranger = await createOrder(e, { token: PROD, body, headers: { 'x-discord-user-id': '42' } });
    expect(stranger.json).toEqual(expected);
    e.link(PROD, '42');
    expect((await createOrder(e, { token: PROD, body, headers: { 'x-discord-user-id': '42' } })).status).toBe(
      201,
    );
  });

  it('refuses an order above the balance with a top-level INSUFFICIENT_BALANCE code', async () => {
    const e = await start({ accounts: [{ token: PROD, balance: 1000, linkedDiscordIds: [DISCORD] }] });
    const r = await createOrder(e, {
      token: PROD,
      body: { ...validOrder, payment_method: 'balance' },
      headers: { 'x-discord-user-id': DISCORD },
    });
    expect(r.status).toBe(422);
    expect(r.json).toEqual({ success: false, message: 'Saldo tidak cukup.', code: 'INSUFFICIENT_BALANCE' });
    expect(e.accounts[0]?.balance).toBe(1000);
    expect(e.ledger).toHaveLength(0);
  });

  it('fails the Roblox check for notfound usernames and id 404', async () => {
    const e = await start();
    const expected = {
      success: false,
      message: 'Validasi resmi Roblox gagal.',
      error: { code: 'ROBLOX_VALIDATION_FAILED' },
    };
    expect((await createOrder(e, { body: { ...validOrder, roblox_username: 'UserNotFound' } })).json).toEqual(
      expected,
    );
    const r = await createOrder(e, { body: { ...validOrder, place_id: 404 } });
    expect(r.status).toBe(422);
    expect(r.json).toEqual(expected);
    expect(e.ledger).toHaveLength(0);
  });
});

describe('store emulator: idempotency', () => {
  it('replays the same invoice for the same key and account (200, idempotent: true)', async () => {
    const e = await start();
    const headers = { 'idempotency-key': 'order-1' };
    const first = await createOrder(e, { headers });
    const second = await createOrder(e, { headers, body: { ...validOrder, roblox_pass_id: 555 } });
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(data(second).idempotent).toBe(true);
    expect(data(second).invoice.invoice_code).toBe(data(first).invoice.invoice_code);
    expect(e.ledger).toHaveLength(1);
    expect(e.stats.idempotentReplays).toBe(1);
  });

  it('scopes keys per account', async () => {
    const e = await start({ accounts: [{ token: DEFAULT_SANDBOX_TOKEN }, { token: 'lrrs_v1_second' }] });
    const headers = { 'idempotency-key': 'shared' };
    expect((await createOrder(e, { headers })).status).toBe(201);
    expect((await createOrder(e, { headers, token: 'lrrs_v1_second' })).status).toBe(201);
    expect(e.ledger.map((l) => l.token)).toEqual([DEFAULT_SANDBOX_TOKEN, 'lrrs_v1_second']);
  });

  it('answers 409 to a concurrent request with a key still in progress', async () => {
    const e = await start({ orderLatencyMs: 300 });
    const headers = { 'idempotency-key': 'race' };
    const first = createOrder(e, { headers });
    await e.waitForRequests(1, 'create');
    const second = await createOrder(e, { headers });
    expect(second.status).toBe(409);
    expect(second.json).toEqual({
      success: false,
      message: 'Request dengan Idempotency-Key yang sama sedang diproses.',
      error: { code: 'IDEMPOTENCY_KEY_IN_USE' },
    });
    expect((await first).status).toBe(201);
    expect(e.ledger).toHaveLength(1);
  });

  it('does not use up a key on a failed request', async () => {
    const e = await start();
    const headers = { 'idempotency-key': 'retry-me' };
    expect((await createOrder(e, { headers, body: { ...validOrder, place_id: 404 } })).status).toBe(422);
    expect((await createOrder(e, { headers })).status).toBe(201);
  });
});

describe('store emulator: rate limits', () => {
  it('answers 429 with headers after createPerMinute creates in the window', async () => {
    let now = Date.UTC(2026, 4, 1, 2, 0, 0);
    const e = await start({ rateLimit: { createPerMinute: 2, maxConcurrent: 3 }, clock: () => now });
    expect((await createOrder(e)).status).toBe(201);
    expect((await createOrder(e)).status).toBe(201);
    now += 20_000;
    const limited = await createOrder(e);
    expect(limited.status).toBe(429);
    expect(limited.json).toEqual({
      success: false,
      message: 'Terlalu banyak request. Silakan coba lagi beberapa saat.',
    });
    expect(limited.headers.get('retry-after')).toBe('40');
    expect(limited.headers.get('x-ratelimit-limit')).toBe('2');
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Number(limited.headers.get('x-ratelimit-reset'))).toBe(Date.UTC(2026, 4, 1, 2, 1, 0) / 1000);
    expect(e.stats.rateLimited).toBe(1);
    expect(e.ledger).toHaveLength(2);
    now += 40_001;
    expect((await createOrder(e)).status).toBe(201);
  });

  it('answers 429 to more than maxConcurrent creates in flight', async () => {
    const e = await start({ rateLimit: { createPerMinute: 10, maxConcurrent: 2 }, orderLatencyMs: 300 });
    const slow = [createOrder(e), createOrder(e)];
    await e.waitForRequests(2, 'create');
    const third = await createOrder(e);
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await Promise.all(slow)).map((r) => r.status)).toEqual([201, 201]);
    expect(e.stats.rateLimitedByConcurrency).toBe(1);
    expect(e.stats.maxInFlightCreates).toBe(2);
  });

  it('can be switched off', async () => {
    const e = await start({ rateLimit: false });
    const results = await Promise.all(Array.from({ length: 12 }, () => createOrder(e)));
    expect(results.every((r) => r.status === 201)).toBe(true);
  });
});

describe('store emulator: faults', () => {
  it('delays, then answers normally', async () => {
    const e = await start();
    e.inject({ type: 'delay', ms: 150 });
    const t0 = performance.now();
    const r = await createOrder(e);
    expect(r.status).toBe(201);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(140);
    expect(e.requests[0]?.fault).toBe('delay');
  });

  it('answers an injected status, only for the matching route and number of times', async () => {
    const e = await start();
    e.inject({ type: 'status', status: 503, body: { success: false, message: 'Maintenance' } }, { times: 2 });
    expect((await call(e, '/me/balance')).status).toBe(200); // route 'create' only
    expect((await createOrder(e)).status).toBe(503);
    const second = await createOrder(e);
    expect(second.status).toBe(503);
    expect(second.json).toEqual({ success: false, message: 'Maintenance' });
    expect((await createOrder(e)).status).toBe(201);
    e.inject({ type: 'status', status: 500 }, { route: 'balance' });
    expect((await call(e, '/me/balance')).json).toEqual({ success: false, message: 'Server Error' });
  });

  it('injects a 429 with rate-limit headers', async () => {
    const e = await start();
    e.inject({ type: 'rate_limit', retryAfterSeconds: 7 }, { route: 'any' });
    const r = await call(e, '/health', { token: null });
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toBe('7');
    expect(r.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(r.headers.get('x-ratelimit-limit')).toBe('10');
    expect(Number(r.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
  });

  it('answers an HTML error page', async () => {
    const e = await start();
    e.inject({ type: 'html', status: 502 });
    const r = await createOrder(e);
    expect(r.status).toBe(502);
    expect(r.headers.get('content-type')).toContain('text/html');
    expect(r.text).toContain('502 Bad Gateway');
    expect(e.ledger).toHaveLength(0);
  });

  it('answers truncated JSON', async () => {
    const e = await start();
    e.inject({ type: 'malformed_json', status: 500 });
    const res = await fetch(`${e.baseUrl}/me/orders`, {
      method: 'POST',
      headers: { authorization: `Bearer ${DEFAULT_SANDBOX_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify(validOrder),
    });
    expect(res.headers.get('content-type')).toContain('application/json');
    await expect(res.json()).rejects.toThrow(SyntaxError);
  });

  it('hangs until the client gives up', async () => {
    const e = await start();
    e.inject({ type: 'hang' });
    await expect(createOrder(e, { signal: AbortSignal.timeout(200) })).rejects.toThrow(/abort|timeout/i);
    expect(e.ledger).toHaveLength(0);
    expect((await createOrder(e)).status).toBe(201);
  });

  it('drops the connection before committing', async () => {
    const e = await start();
    e.inject({ type: 'drop_before_commit' });
    await expect(createOrder(e, { headers: { 'idempotency-key': 'd1' } })).rejects.toThrow();
    expect(e.ledger).toHaveLength(0);
    expect((await createOrder(e, { headers: { 'idempotency-key': 'd1' } })).status).toBe(201);
  });

  it('commits, then drops the connection: the retry with the same key is idempotent', async () => {
    const e = await start();
    e.inject({ type: 'drop_after_commit' });
    const headers = { 'idempotency-key': 'd2' };
    await expect(createOrder(e, { headers })).rejects.toThrow();
    expect(e.ledger).toHaveLength(1);
    const retry = await createOrder(e, { headers });
    expect(retry.status).toBe(200);
    expect(data(retry).idempotent).toBe(true);
    expect(data(retry).invoice.invoice_code).toBe(e.ledger[0]?.invoiceCode);
    expect(e.ledger).toHaveLength(1);
    expect(e.requests[0]).toMatchObject({ status: 0, fault: 'drop_after_commit' });
  });
});

describe('store emulator: pause and resume', () => {
  it('refuses connections while paused and keeps state on resume', async () => {
    const e = await start();
    expect((await createOrder(e)).status).toBe(201);
    await e.pause();
    await expect(call(e, '/health', { token: null })).rejects.toThrow();
    await e.resume();
    const list = await call(e, '/me/orders');
    expect(data(list).orders).toHaveLength(1);
  });

  it('destroys hanging requests on pause', async () => {
    const e = await start();
    e.inject({ type: 'hang' });
    const pending = createOrder(e);
    await e.waitForRequests(1, 'create');
    await e.pause();
    await expect(pending).rejects.toThrow();
    await e.resume();
    expect((await call(e, '/health', { token: null })).status).toBe(200);
  });

  it('waitForRequests rejects with a clear message on timeout', async () => {
    const e = await start();
    await expect(e.waitForRequests(1, 'create', 50)).rejects.toThrow(/expected 1 'create' request/);
  });
});
