import { describe, expect, it } from 'vitest';
import type { BotProcess, World } from './harness.js';
import { body, buttons, createRequestsFor, ledgerFor, placeOrder, NOT_YOURS } from './flows.js';
import { sharedWorld } from './suite.js';

/**
 * Every fault the store emulator can inject: the user sees the invoice or a specific,
 * actionable message, and the store never holds a second order for one /order invocation.
 */
describe('store faults, through the real bot process', () => {
  let world: World;
  let bot: BotProcess;
  sharedWorld({ store: { rateLimit: false }, env: { LEUWONG_TIMEOUT_SECONDS: '1' } }, (w, b) => {
    [world, bot] = [w, b];
  });

  const invoiceTitle = (title: string | undefined) => {
    expect(title).toMatch(/^Invoice SBX-/);
  };

  it('503 then success: one order, retried with the same key', async () => {
    world.store.inject({ type: 'status', status: 503 });
    const flow = await placeOrder(world);
    invoiceTitle(flow.reply.embeds?.[0]?.title);
    const keys = createRequestsFor(world, flow.command.id).map((r) => r.headers['idempotency-key']);
    expect(keys).toEqual([
      `discord-${flow.command.id}-${flow.command.user.id}-1`,
      `discord-${flow.command.id}-${flow.command.user.id}-1`,
    ]);
    expect(ledgerFor(world, flow.command.id)).toHaveLength(1);
  });

  it('connection dropped after the store committed: the retry finds the same invoice, one order', async () => {
    world.store.inject({ type: 'drop_after_commit' });
    const flow = await placeOrder(world);
    invoiceTitle(flow.reply.embeds?.[0]?.title);
    expect(flow.reply.embeds?.[0]?.description).toContain('no second order was made');
    const requests = createRequestsFor(world, flow.command.id);
    expect(requests).toHaveLength(2);
    expect(requests[0]!.rawBody).toBe(requests[1]!.rawBody);
    expect(ledgerFor(world, flow.command.id)).toHaveLength(1);
  });

  it('connection dropped before the commit, a hang, and malformed JSON: retried, one order', async () => {
    for (const fault of [
      { type: 'drop_before_commit' },
      { type: 'hang' },
      { type: 'malformed_json', status: 200 },
    ] as const) {
      world.store.inject(fault);
      const flow = await placeOrder(world);
      invoiceTitle(flow.reply.embeds?.[0]?.title);
      expect(ledgerFor(world, flow.command.id)).toHaveLength(1);
    }
  });

  it('429 with Retry-After: waits as told, then places one order', async () => {
    world.store.inject({ type: 'rate_limit', retryAfterSeconds: 1 });
    const flow = await placeOrder(world);
    invoiceTitle(flow.reply.embeds?.[0]?.title);
    const [first, second] = createRequestsFor(world, flow.command.id);
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(950);
    expect(ledgerFor(world, flow.command.id)).toHaveLength(1);
  });

  it('an HTML error page until the deadline: outcome unknown, then the Retry button places the order', async () => {
    world.store.inject({ type: 'html', status: 502 }, { times: 100 });
    const flow = await placeOrder(world);
    expect(flow.reply.content).toContain('we do not know yet whether your order was created');
    expect(flow.reply.content).not.toContain('<html');
    const retry = buttons(flow.reply).find((b) => b.label === 'Retry');
    expect(retry?.custom_id).toMatch(/^order-retry:2:/);
    expect(ledgerFor(world, flow.command.id)).toHaveLength(0);

    world.store.clearFaults();
    const click = world.discord.dispatchComponent(flow.submit, retry!.custom_id!);
    const ack = await click.waitForCallback();
    expect(ack.type).toBe(6);
    const reply = body(await click.waitForEdit(undefined, 20_000));
    invoiceTitle(reply.embeds?.[0]?.title);
    expect(ledgerFor(world, flow.command.id)).toHaveLength(1);
    const keys = new Set(createRequestsFor(world, flow.command.id).map((r) => r.headers['idempotency-key']));
    expect([...keys]).toEqual([`discord-${flow.command.id}-${flow.command.user.id}-1`]);
  });

  it('only the user who placed the order can press its Retry button', async () => {
    world.store.inject({ type: 'status', status: 500 }, { times: 100 });
    const flow = await placeOrder(world, { userId: '100000000000000077' });
    const retry = buttons(flow.reply).find((b) => b.label === 'Retry')!;
    world.store.clearFaults();
    // Someone else's click (Discord would never show them the ephemeral message, but a forged event could).
    const click = world.discord.dispatchComponent(flow.submit, retry.custom_id!);
    const forged = structuredClone(click.payload) as Record<string, unknown> & {
      member: { user: { id: string } };
    };
    forged.member.user.id = '100000000000000078';
    delete forged.token;
    const stranger = world.discord.dispatchModalSubmit({ ...forged, id: '1999999999999999999', type: 3 });
    const refusal = await stranger.waitForCallback();
    expect(refusal.type).toBe(4);
    expect(refusal.data).toMatchObject({
      content: NOT_YOURS,
      flags: 64,
    });

    const mine = body(await click.waitForEdit(undefined, 20_000));
    invoiceTitle(mine.embeds?.[0]?.title);
    expect(ledgerFor(world, flow.command.id)).toHaveLength(1);
  });

  it('401 from the store: tells the user the bot is misconfigured, with a code to report, and logs it for the admin', async () => {
    world.store.inject({
      type: 'status',
      status: 401,
      body: { success: false, message: 'Unauthorized API token.' },
    });
    const flow = await placeOrder(world);
    expect(flow.reply.content).toContain('The bot is not set up correctly');
    expect(flow.reply.content).toContain(`report it to the server admins with the code ${flow.command.id}`);
    expect(flow.reply.content).not.toContain('Unauthorized API token');
    expect(createRequestsFor(world, flow.command.id)).toHaveLength(1);
    await bot.waitForLog((line) => line.level === 50 && line.msg === 'order rejected by the store');
  });

  it('a 422 with Laravel field errors names the fields in the modal’s words', async () => {
    world.store.inject({
      type: 'status',
      status: 422,
      body: { message: 'The given data was invalid.', errors: { place_id: ['The place id is invalid.'] } },
    });
    const flow = await placeOrder(world);
    expect(flow.reply.content).toBe('The store did not accept: Place. Check these and try again.');
  });
});
