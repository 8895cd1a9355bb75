import Database from 'better-sqlite3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  DISCORD_TOKEN,
  PRODUCTION_TOKEN,
  SANDBOX_TOKEN,
  spawnBot,
  startWorld,
  type BotProcess,
  type World,
} from './harness.js';
import {
  body,
  buttons,
  createRequestsFor,
  field,
  ledgerFor,
  link,
  placeOrder,
  slash,
  type ReplyBody,
} from './flows.js';

/**
 * Members link their own LeuwongRR token (/link), and their orders and balance payments land on
 * their own account; everyone else keeps using the operator's token. Through the real bot process.
 */

const KEY = '5d41402abc4b2a76b9719d911017c592aabbccddeeff00112233445566778899';
const MEMBER_SANDBOX = 'lrrs_v1_e2e_member_sandbox_token_7f3a9c1e5b';
const MEMBER_PRODUCTION = 'lrrp_v1_e2e_member_production_token_2d8e6b4a0c';
const REVOKED = 'lrrs_v1_e2e_member_revoked_token_9a1b2c3d4e';
const LATER_REVOKED = 'lrrp_v1_e2e_member_later_revoked_token_5e6f7a8b';
const RETRY_TOKEN = 'lrrs_v1_e2e_member_retry_token_1c2d3e4f5a6b';
const UNKNOWN_TOKEN = 'garbage-not-a-token-Q7w8E9r0T1y2';
const WITH_SPACES = 'this is not a token at all';

const ALICE = '200000000000000001';
const BOB = '200000000000000002';
const CAROL = '200000000000000003';
const DAVE = '200000000000000004';
const ERIN = '200000000000000005';
const FRANK = '200000000000000006';
const GRACE = '200000000000000007';
const STRANGER = '200000000000000009';

const SECRETS = [
  MEMBER_SANDBOX,
  MEMBER_PRODUCTION,
  REVOKED,
  LATER_REVOKED,
  RETRY_TOKEN,
  UNKNOWN_TOKEN,
  WITH_SPACES,
  SANDBOX_TOKEN,
  DISCORD_TOKEN,
  KEY,
];

const validations = (world: World, token: string) =>
  world.store.requests.filter((r) => r.route === 'validate' && r.headers.authorization === `Bearer ${token}`);

/** Every text a member could read in a reply. */
const visible = (reply: ReplyBody) => JSON.stringify(reply);

function expectNoToken(reply: ReplyBody, token: string) {
  expect(visible(reply)).not.toContain(token);
  expect(visible(reply)).not.toContain(token.slice(8));
}

describe('personal tokens (PERSONAL_TOKENS=optional), through the real bot process', () => {
  let world: World;
  let bot: BotProcess;

  beforeAll(async () => {
    world = await startWorld({
      store: {
        rateLimit: false,
        accounts: [
          { token: SANDBOX_TOKEN, balance: 0 },
          { token: PRODUCTION_TOKEN, balance: 1_000_000 },
          { token: MEMBER_SANDBOX, balance: 0, email: 'bob.member@example.com' },
          {
            token: MEMBER_PRODUCTION,
            balance: 500_000,
            linkedDiscordIds: [ALICE],
            email: 'alice.member@example.com',
          },
          { token: REVOKED, revoked: true },
          { token: LATER_REVOKED, balance: 500_000, linkedDiscordIds: [DAVE] },
          { token: RETRY_TOKEN },
        ],
      },
      env: {
        TOKEN_ENCRYPTION_KEY: KEY,
        LEUWONG_TIMEOUT_SECONDS: '1',
        // Only the start-up pass: the retry test presses Retry itself.
        RECOVERY_INTERVAL_SECONDS: '3600',
      },
    });
    bot = await world.start();
  }, 30_000);

  beforeEach(() => {
    world.store.clearFaults();
  });

  afterAll(async () => {
    await world.close();
  });

  it('registers /link, /unlink and /account for servers and DMs, with Indonesian names', () => {
    const byName = new Map(world.discord.commands.global.map((command) => [command.name, command]));
    for (const [name, localized] of [
      ['link', 'hubungkan-token'],
      ['unlink', 'putuskan-token'],
      ['account', 'akun'],
    ] as const) {
      const command = byName.get(name);
      expect(command?.name_localizations?.id).toBe(localized);
      expect(command?.description_localizations?.id).toBeTruthy();
      expect(command?.contexts).toEqual([0, 1]);
    }
  });

  it('links a valid sandbox token: validated first, private answer with environment, status and prefix only', async () => {
    const flow = await link(world, BOB, MEMBER_SANDBOX);
    // The modal says where to find the token and that a sandbox key is fine, then asks for it.
    expect(flow.modal.title).toBe('Link your LeuwongRR token');
    const [intro, label] = flow.modal.components as [
      { type: number; content: string },
      { type: number; label: string; description: string; component: Record<string, unknown> },
    ];
    expect(intro.type).toBe(10);
    expect(intro.content).toContain('https://leuwongrr.online/user/api-access');
    expect(intro.content).toContain('sandbox key');
    expect(label.type).toBe(18);
    expect(label.component).toMatchObject({ type: 4, custom_id: 'token', required: true, min_length: 16 });

    expect(validations(world, MEMBER_SANDBOX)).toHaveLength(1);
    expect(flow.reply.content).toContain('Your LeuwongRR token is linked');
    expect(flow.reply.content).toContain('**Mode:** Sandbox');
    expect(flow.reply.content).toContain('**Account status:** Active');
    expect(flow.reply.content).toContain('`lrrs_v1_…`');
    expectNoToken(flow.reply, MEMBER_SANDBOX);
    expect(visible(flow.reply)).not.toContain('bo***@example.com');
    expect(visible(flow.reply)).not.toContain('bob.member');
  });

  it('keeps the token encrypted at rest, bound to the member', () => {
    const path = world.env.STORE_URL!.slice('sqlite:'.length);
    const db = new Database(path, { readonly: true, fileMustExist: true });
    try {
      const row = db.prepare('SELECT value, expires FROM kv WHERE key = ?').get(`member-token:${BOB}`) as
        { value: string; expires: number | null } | undefined;
      expect(row).toBeDefined();
      expect(row!.expires).toBeNull();
      expect(row!.value).not.toContain(MEMBER_SANDBOX);
      expect(row!.value).not.toContain(MEMBER_SANDBOX.slice(8));
      expect(row!.value).not.toContain(Buffer.from(MEMBER_SANDBOX).toString('base64').slice(0, 16));
      expect(row!.value).toMatch(/"sealed":"v1\.[\w-]+\.[\w-]+\.[\w-]+"/);
    } finally {
      db.close();
    }
  });

  it('links a production token in Indonesian, from a DM', async () => {
    const flow = await link(world, ALICE, MEMBER_PRODUCTION, { locale: 'id', guildId: null });
    expect(flow.modal.title).toBe('Hubungkan token LeuwongRR kamu');
    expect(flow.reply.content).toContain('Token LeuwongRR kamu sudah terhubung');
    expect(flow.reply.content).toContain('**Mode:** Live');
    expect(flow.reply.content).toContain('**Status akun:** Aktif');
    expect(flow.reply.content).toContain('`lrrp_v1_…`');
    expectNoToken(flow.reply, MEMBER_PRODUCTION);
  });

  it('refuses a revoked token (401) and keeps nothing', async () => {
    const flow = await link(world, CAROL, REVOKED);
    expect(validations(world, REVOKED)).toHaveLength(1);
    expect(flow.reply.content).toContain('LeuwongRR does not accept this token');
    expect(flow.reply.content).toContain('Nothing was saved.');
    expectNoToken(flow.reply, REVOKED);
    expect((await slash(world, 'account', CAROL)).reply.content).toContain('You have not linked');
  });

  it('refuses garbage: text with spaces without asking the store, an unknown token after asking it', async () => {
    const before = world.store.requests.length;
    const spaces = await link(world, FRANK, WITH_SPACES);
    expect(spaces.reply.content).toContain('That does not look like a User API token');
    expect(world.store.requests.length).toBe(before);

    const unknown = await link(world, FRANK, UNKNOWN_TOKEN);
    expect(validations(world, UNKNOWN_TOKEN)).toHaveLength(1);
    expect(unknown.reply.content).toContain('LeuwongRR does not accept this token');
    expectNoToken(unknown.reply, UNKNOWN_TOKEN);
    expect((await slash(world, 'account', FRANK)).reply.content).toContain('You have not linked');
  });

  it('asks the store at most once per user in a cooldown, and says when to try again', async () => {
    const first = await link(world, GRACE, UNKNOWN_TOKEN);
    expect(first.reply.content).toContain('LeuwongRR does not accept this token');
    const before = validations(world, UNKNOWN_TOKEN).length;
    const again = await link(world, GRACE, UNKNOWN_TOKEN);
    expect(again.reply.content).toMatch(/You just asked LeuwongRR\. You can try again <t:\d+:R>\./);
    expect(validations(world, UNKNOWN_TOKEN)).toHaveLength(before);
    expectNoToken(again.reply, UNKNOWN_TOKEN);
  });

  it('tells a member the store cannot be reached, and keeps nothing', async () => {
    world.store.inject({ type: 'status', status: 503 }, { route: 'validate', times: 100 });
    const flow = await link(world, STRANGER, MEMBER_SANDBOX);
    expect(flow.reply.content).toContain('LeuwongRR cannot be reached right now');
    world.store.clearFaults();
    expect((await slash(world, 'account', STRANGER)).reply.content).toContain('You have not linked');
  });

  it('/account shows a linked member their environment and balance, privately', async () => {
    const { reply } = await slash(world, 'account', ALICE);
    expect(reply.content).toContain('Your LeuwongRR token is linked');
    expect(reply.content).toContain('**Mode:** Live');
    expect(reply.content).toContain('**Balance:** Rp500.000');
    expect(reply.content).toMatch(/\*\*Linked:\*\* <t:\d+:R>/);
    expectNoToken(reply, MEMBER_PRODUCTION);
    const balance = world.store.requests.filter((r) => r.route === 'balance');
    expect(balance.at(-1)?.headers.authorization).toBe(`Bearer ${MEMBER_PRODUCTION}`);
  });

  it('/order with a personal token: the store gets that token and the member’s ID, the order is theirs', async () => {
    const flow = await placeOrder(world, { userId: BOB });
    const [request] = createRequestsFor(world, flow.command.id);
    expect(request?.headers.authorization).toBe(`Bearer ${MEMBER_SANDBOX}`);
    expect(request?.headers['x-discord-user-id']).toBe(BOB);
    const [entry] = ledgerFor(world, flow.command.id);
    expect(entry?.token).toBe(MEMBER_SANDBOX);
    expect(entry?.accountId).toBe(world.store.accounts.byToken(MEMBER_SANDBOX)!.id);
    expect(entry?.discordUserId).toBe(BOB);
    expect(flow.reply.embeds?.[0]?.title).toBe(`Invoice ${entry!.invoiceCode}`);
    expectNoToken(flow.reply, MEMBER_SANDBOX);
  });

  it('/order-balance with a personal token pays from the member’s own balance', async () => {
    const member = world.store.accounts.byToken(MEMBER_PRODUCTION)!;
    const operator = world.store.accounts.byToken(SANDBOX_TOKEN)!;
    const before = { member: member.balance, operator: operator.balance };
    const flow = await placeOrder(world, { command: 'order-balance', userId: ALICE });
    const [request] = createRequestsFor(world, flow.command.id);
    expect(request?.headers.authorization).toBe(`Bearer ${MEMBER_PRODUCTION}`);
    expect(request?.headers['x-discord-user-id']).toBe(ALICE);
    expect(request?.body).toMatchObject({ payment_method: 'balance' });
    const [entry] = ledgerFor(world, flow.command.id);
    expect(entry).toMatchObject({ token: MEMBER_PRODUCTION, accountId: member.id, paymentStatus: 'paid' });
    expect(member.balance).toBe(before.member - entry!.amount);
    expect(operator.balance).toBe(before.operator);
    expect(field(flow.reply, 'Payment status')).toBe('Paid');
    expect(flow.reply.embeds?.[0]?.footer).toBeUndefined();
  });

  it('a sandbox member who tries /order-balance is told a sandbox account pays by invoice only', async () => {
    const flow = await placeOrder(world, { command: 'order-balance', userId: BOB });
    expect(flow.reply.content).toBe(
      'A sandbox LeuwongRR account can only pay by invoice. Use /order instead.',
    );
    expect(ledgerFor(world, flow.command.id)).toHaveLength(0);
  });

  it('an unlinked member’s order uses the operator’s token, as before', async () => {
    const flow = await placeOrder(world, { userId: STRANGER });
    const [request] = createRequestsFor(world, flow.command.id);
    expect(request?.headers.authorization).toBe(`Bearer ${SANDBOX_TOKEN}`);
    expect(ledgerFor(world, flow.command.id)[0]?.token).toBe(SANDBOX_TOKEN);
  });

  it('an unlinked member’s /order-balance refused on the operator’s account suggests /link', async () => {
    // A production operator account, so the store checks the Discord link (not the sandbox rule).
    const account = world.store.accounts.byToken(SANDBOX_TOKEN)!;
    account.environment = 'production';
    try {
      const flow = await placeOrder(world, { command: 'order-balance', userId: '200000000000000010' });
      expect(flow.reply.content).toContain('type /link with your own token');
    } finally {
      account.environment = 'sandbox';
    }
  });

  it('a member’s retry finds their own order: the same key on the same account', async () => {
    await link(world, ERIN, RETRY_TOKEN);
    // The store commits, but every answer is lost until the deadline: the outcome is unknown.
    world.store.inject({ type: 'hang_after_commit' }, { times: 100 });
    const flow = await placeOrder(world, { userId: ERIN });
    expect(flow.reply.content).toContain('we do not know yet whether your order was created');
    expect(ledgerFor(world, flow.command.id)).toHaveLength(1);
    world.store.clearFaults();
    const retry = buttons(flow.reply).find((b) => b.label === 'Retry')!;
    const click = world.discord.dispatchComponent(flow.submit, retry.custom_id!);
    const reply = body(await click.waitForEdit(undefined, 20_000));
    expect(reply.embeds?.[0]?.description).toContain('no second order was made');
    const ledger = ledgerFor(world, flow.command.id);
    expect(ledger).toHaveLength(1);
    expect(ledger[0]?.token).toBe(RETRY_TOKEN);
    const requests = createRequestsFor(world, flow.command.id);
    expect(requests.length).toBeGreaterThan(1);
    for (const request of requests) expect(request.headers.authorization).toBe(`Bearer ${RETRY_TOKEN}`);
  });

  it('a retry after the member unlinked is not sent with another account’s token', async () => {
    world.store.inject({ type: 'hang_after_commit' }, { times: 100 });
    const flow = await placeOrder(world, { userId: ERIN });
    world.store.clearFaults();
    expect((await slash(world, 'unlink', ERIN)).reply.content).toContain('was deleted');
    const sent = createRequestsFor(world, flow.command.id).length;
    const retry = buttons(flow.reply).find((b) => b.label === 'Retry')!;
    const click = world.discord.dispatchComponent(flow.submit, retry.custom_id!);
    const reply = body(await click.waitForEdit(undefined, 20_000));
    expect(reply.content).toContain('Run /link with a new token');
    expect(buttons(reply).map((b) => b.label)).toEqual(['Retry']);
    expect(createRequestsFor(world, flow.command.id)).toHaveLength(sent);
    expect(ledgerFor(world, flow.command.id)).toHaveLength(1);
  });

  it('a token revoked between two orders: refused, deleted, the member told to link again', async () => {
    await link(world, DAVE, LATER_REVOKED);
    const first = await placeOrder(world, { command: 'order-balance', userId: DAVE });
    expect(ledgerFor(world, first.command.id)[0]?.token).toBe(LATER_REVOKED);

    world.store.revoke(LATER_REVOKED);
    const second = await placeOrder(world, { command: 'order-balance', userId: DAVE });
    expect(second.reply.content).toBe(
      'LeuwongRR no longer accepts your linked token (expired or revoked), so the bot deleted it. Run /link with a new token, then order again.',
    );
    expect(createRequestsFor(world, second.command.id)).toHaveLength(1);
    expect(ledgerFor(world, second.command.id)).toHaveLength(0);
    await bot.waitForLog((line) => line.msg === 'the store refused a member token (401); it was deleted');
    // Not the operator's misconfiguration: no error-level line for it.
    expect(
      bot.logs.some(
        (line) => line.level >= 50 && line.msg === 'order rejected by the store' && line.account === 'member',
      ),
    ).toBe(false);

    expect((await slash(world, 'account', DAVE)).reply.content).toContain('You have not linked');
    const third = await placeOrder(world, { userId: DAVE });
    expect(ledgerFor(world, third.command.id)[0]?.token).toBe(SANDBOX_TOKEN);
  });

  it('/account notices a token revoked since, deletes it and says so', async () => {
    world.store.revoke(MEMBER_SANDBOX);
    const { reply } = await slash(world, 'account', BOB);
    expect(reply.content).toContain('no longer accepts your linked token');
    expect((await slash(world, 'account', BOB)).reply.content).toContain('You have not linked');
  });

  it('/unlink deletes the token at once and says so; the next order uses the operator’s token', async () => {
    const { reply } = await slash(world, 'unlink', ALICE, { locale: 'id' });
    expect(reply.content).toContain('Token LeuwongRR kamu sudah dihapus dari bot');
    expect((await slash(world, 'unlink', ALICE)).reply.content).toContain('nothing to delete');
    expect((await slash(world, 'account', ALICE)).reply.content).toContain('You have not linked');
    const flow = await placeOrder(world, { userId: ALICE });
    expect(createRequestsFor(world, flow.command.id)[0]?.headers.authorization).toBe(
      `Bearer ${SANDBOX_TOKEN}`,
    );
  });

  it('never writes a token, the pasted garbage or the encryption key to its output', () => {
    const output = bot.output.join('\n');
    expect(output).toContain('member token linked');
    for (const secret of SECRETS) {
      expect(output).not.toContain(secret);
      if (secret.startsWith('lrr')) expect(output).not.toContain(secret.slice(8));
    }
    expect(output).not.toContain(Buffer.from(KEY, 'hex').toString('base64').replace(/=+$/, ''));
  });
});

describe('PERSONAL_TOKENS=required-for-balance', () => {
  let world: World;

  beforeAll(async () => {
    world = await startWorld({
      store: {
        rateLimit: false,
        accounts: [
          { token: SANDBOX_TOKEN, balance: 0 },
          { token: MEMBER_PRODUCTION, balance: 500_000, linkedDiscordIds: [ALICE] },
        ],
      },
      env: { TOKEN_ENCRYPTION_KEY: KEY, PERSONAL_TOKENS: 'required-for-balance' },
    });
    await world.start();
  }, 30_000);

  afterAll(async () => {
    await world.close();
  });

  it('refuses /order-balance to an unlinked member before the modal, and lets them /order', async () => {
    const command = world.discord.dispatchCommand({ name: 'order-balance', user: { id: BOB } });
    const answer = await command.waitForCallback();
    expect(answer.type).toBe(4);
    expect(answer.data).toMatchObject({
      content:
        'To pay with your balance, link your own LeuwongRR token first: type /link. Or type /order to pay by invoice.',
      flags: 64,
    });
    expect(world.store.requests.filter((r) => r.route === 'create')).toHaveLength(0);
    const flow = await placeOrder(world, { userId: BOB });
    expect(ledgerFor(world, flow.command.id)[0]?.token).toBe(SANDBOX_TOKEN);
    expect((await slash(world, 'account', BOB)).reply.content).toContain('needs your own token linked first');
  });

  it('lets a linked member pay with their own balance', async () => {
    await link(world, ALICE, MEMBER_PRODUCTION);
    const flow = await placeOrder(world, { command: 'order-balance', userId: ALICE });
    expect(ledgerFor(world, flow.command.id)[0]).toMatchObject({
      token: MEMBER_PRODUCTION,
      paymentStatus: 'paid',
    });
  });
});

describe('without TOKEN_ENCRYPTION_KEY', () => {
  let world: World;

  afterAll(async () => {
    await world.close();
  });

  it('answers that linking is not enabled, and keeps ordering with the operator’s token', async () => {
    world = await startWorld({ store: { rateLimit: false } });
    const bot = await world.start();
    await bot.waitForLog(
      (line) => line.msg === 'personal tokens are off: every order uses LEUWONG_API_TOKEN',
    );
    const command = world.discord.dispatchCommand({ name: 'link', user: { id: ALICE } });
    const answer = await command.waitForCallback();
    expect(answer.type).toBe(4);
    expect(answer.data).toMatchObject({
      content: 'This bot does not accept personal LeuwongRR tokens, so your orders use the shop’s account.',
      flags: 64,
    });
    expect((await slash(world, 'account', ALICE)).reply.content).toContain(
      'This bot does not accept personal tokens',
    );
    expect((await slash(world, 'unlink', ALICE)).reply.content).toContain('nothing to delete');
    const flow = await placeOrder(world, { userId: ALICE });
    expect(ledgerFor(world, flow.command.id)[0]?.token).toBe(SANDBOX_TOKEN);
  });

  it('refuses to start when personal tokens are asked for without a valid key, saying how to make one', async () => {
    for (const env of [{ PERSONAL_TOKENS: 'optional' }, { TOKEN_ENCRYPTION_KEY: 'too-short-to-be-a-key' }]) {
      const bot = spawnBot({ ...world.env, STORE_URL: world.storeUrl(), ...env });
      const exit = await bot.exited;
      expect(exit.code).toBe(1);
      const output = bot.output.join('\n');
      expect(output).toContain('openssl rand -hex 32');
      expect(output).not.toContain('too-short-to-be-a-key');
    }
  });
});
