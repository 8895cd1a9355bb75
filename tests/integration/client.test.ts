import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.js';
import { UpstreamError } from '../../src/errors.js';
import { LeuwongClient } from '../../src/leuwong/client.js';
import type { CreateOrderBody } from '../../src/leuwong/schema.js';
import { startStoreEmulator, type StoreEmulator } from '../emulators/store/index.js';

const SANDBOX = 'lrrs_v1_client_test_sandbox_token';
const PRODUCTION = 'lrrp_v1_client_test_production_token';
const DISCORD_ID = '100000000000000001';

let store: StoreEmulator;
let client: LeuwongClient;
let n = 0;

beforeAll(async () => {
  store = await startStoreEmulator({
    accounts: [{ token: SANDBOX }, { token: PRODUCTION, balance: 100, linkedDiscordIds: [DISCORD_ID] }],
    rateLimit: false,
  });
  client = new LeuwongClient({
    baseUrl: store.baseUrl,
    clock: systemClock,
    logger: pino({ level: 'silent' }),
    retry: { attemptTimeoutMs: 300, deadlineMs: 3000, maxAttempts: 4, backoffBaseMs: 5, backoffCapMs: 20 },
  });
});
afterAll(async () => {
  await store.close();
});
beforeEach(() => {
  store.clearFaults();
});

function order(overrides: Partial<CreateOrderBody> = {}) {
  n += 1;
  const body: CreateOrderBody = {
    order_type: 'gamepass',
    roblox_username: 'LeuwongUser',
    place_id: 123456789,
    roblox_pass_id: 98765,
    payment_method: 'invoice',
    client_reference: `dc-client-${n}`,
    ...overrides,
  };
  return { token: SANDBOX, idempotencyKey: `client-test-${n}`, discordUserId: DISCORD_ID, body };
}

const orders = (key: string) => store.ledger.filter((entry) => entry.idempotencyKey === key);
const requests = (key: string) => store.requests.filter((r) => r.headers['idempotency-key'] === key);

async function upstream(promise: Promise<unknown>): Promise<UpstreamError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UpstreamError);
  return error as UpstreamError;
}

describe('LeuwongClient against a real HTTP store', () => {
  it('sends the documented headers and exactly the body, and parses the invoice', async () => {
    const request = order();
    const result = await client.createOrder(request);
    const [sent] = requests(request.idempotencyKey);
    expect(sent?.headers).toMatchObject({
      authorization: `Bearer ${SANDBOX}`,
      accept: 'application/json',
      'content-type': 'application/json',
      'idempotency-key': request.idempotencyKey,
      'x-discord-user-id': DISCORD_ID,
    });
    expect(sent?.rawBody).toBe(JSON.stringify(request.body));
    expect(result).toMatchObject({ environment: 'sandbox', idempotent: false });
    expect(result.invoice.code).toMatch(/^SBX-/);
    expect(result.invoice.url).toBe(`${store.origin}/user/invoice/${result.invoice.code}`);
  });

  it('the same key again answers the same invoice with idempotent: true', async () => {
    const request = order();
    const first = await client.createOrder(request);
    const second = await client.createOrder(request);
    expect(second.invoice.code).toBe(first.invoice.code);
    expect(second.idempotent).toBe(true);
    expect(orders(request.idempotencyKey)).toHaveLength(1);
  });

  it.each([
    ['503 then success', { type: 'status', status: 503 }],
    ['connection dropped after the commit', { type: 'drop_after_commit' }],
    ['connection dropped before the commit', { type: 'drop_before_commit' }],
    ['a timeout', { type: 'hang' }],
    ['an HTML error page', { type: 'html', status: 502 }],
    ['malformed JSON', { type: 'malformed_json', status: 200 }],
    ['429 with Retry-After', { type: 'rate_limit', retryAfterSeconds: 1 }],
  ] as const)('%s: retried with the same key and the same bytes, one order', async (_name, fault) => {
    store.inject(fault);
    const request = order();
    const result = await client.createOrder(request);
    expect(result.invoice.code).toBeTruthy();
    const sent = requests(request.idempotencyKey);
    expect(sent).toHaveLength(2);
    expect(new Set(sent.map((r) => r.rawBody)).size).toBe(1);
    expect(orders(request.idempotencyKey)).toHaveLength(1);
  });

  it('leaves no attempt timer behind once a call is over, answered or failed', async () => {
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const before = timers();
    await client.createOrder(order());
    store.inject({ type: 'status', status: 422 }, { times: 1 });
    await upstream(client.createOrder(order()));
    expect(timers()).toBe(before);
  });

  it('gives up at the deadline with a retry-safe, non-definite error', async () => {
    store.inject({ type: 'status', status: 500 }, { times: 100 });
    const error = await upstream(client.createOrder(order()));
    expect(error).toMatchObject({ kind: 'unavailable', status: 500, retrySafe: true, definite: false });
  });

  it.each([
    ['ROBLOX_VALIDATION_FAILED', order({ roblox_username: 'NotFoundUser' }), 'roblox_validation', 422],
    [
      'DISCORD_LINK_REQUIRED',
      { ...order({ payment_method: 'balance' }), token: PRODUCTION, discordUserId: '2' },
      'link_required',
      403,
    ],
    [
      'INSUFFICIENT_BALANCE',
      { ...order({ payment_method: 'balance' }), token: PRODUCTION },
      'insufficient_balance',
      422,
    ],
    ['unknown token', { ...order(), token: 'lrrs_v1_nobody' }, 'unauthorized', 401],
  ] as const)('%s is a definite refusal, never retried', async (_code, request, kind, status) => {
    const error = await upstream(client.createOrder(request));
    expect(error).toMatchObject({ kind, status, retrySafe: false, definite: true });
    expect(requests(request.idempotencyKey)).toHaveLength(1);
  });

  it('FORBIDDEN_FIELDS and Laravel errors carry the field names', async () => {
    store.inject({
      type: 'status',
      status: 422,
      body: { success: false, message: 'x', error: { code: 'FORBIDDEN_FIELDS', fields: ['user_id'] } },
    });
    const error = await upstream(client.createOrder(order()));
    expect(error).toMatchObject({ kind: 'validation', code: 'FORBIDDEN_FIELDS', fields: ['user_id'] });
  });

  it('validates a token and reads a balance', async () => {
    expect(await client.validateToken(PRODUCTION)).toEqual({
      environment: 'production',
      accountStatus: 'active',
    });
    expect(await client.getBalance(PRODUCTION)).toMatchObject({ currency: 'IDR' });
    const error = await upstream(client.validateToken('lrrs_v1_nobody'));
    expect(error.kind).toBe('unauthorized');
  });
});
