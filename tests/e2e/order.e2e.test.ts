import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DISCORD_TOKEN, SANDBOX_TOKEN, type BotProcess, type World } from './harness.js';
import { body, buttons, createRequestsFor, field, ledgerFor, placeOrder, VALID } from './flows.js';
import { sharedWorld } from './suite.js';

describe('ordering through the real bot process', () => {
  let world: World;
  let bot: BotProcess;
  sharedWorld({ store: { rateLimit: false } }, (w, b) => {
    [world, bot] = [w, b];
  });

  it('registers /order and /order-balance with Indonesian localizations', () => {
    const names = world.discord.commands.global.map((command) => command.name).sort();
    expect(names).toEqual(['account', 'link', 'order', 'order-balance', 'orders', 'unlink']);
    const order = world.discord.commands.global.find((command) => command.name === 'order');
    expect(order?.name_localizations?.id).toBe('order');
    expect(order?.description_localizations?.id).toMatch(/^Beli gamepass/);
    const balance = world.discord.commands.global.find((command) => command.name === 'order-balance');
    expect(balance?.name_localizations?.id).toBe('order-saldo');
  });

  it('places a gamepass order: modal, private defer, one store call with the right headers and body, invoice', async () => {
    const userId = '100000000000000042';
    const flow = await placeOrder(world, { userId });
    const key = `discord-${flow.command.id}-${flow.command.user.id}-1`;

    const requests = createRequestsFor(world, flow.command.id);
    expect(requests).toHaveLength(1);
    const request = requests[0]!;
    expect(request.headers.authorization).toBe(`Bearer ${SANDBOX_TOKEN}`);
    expect(request.headers.accept).toBe('application/json');
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['idempotency-key']).toBe(key);
    expect(request.headers['x-discord-user-id']).toBe(userId);
    expect(JSON.parse(request.rawBody)).toEqual({
      order_type: 'gamepass',
      roblox_username: 'LeuwongUser',
      place_id: 123456789,
      roblox_pass_id: 987654,
      payment_method: 'invoice',
      client_reference: `dc-${flow.command.id}-1`,
    });
    expect(ledgerFor(world, flow.command.id)).toHaveLength(1);

    const invoice = world.store.ledger.find((entry) => entry.idempotencyKey === key)!;
    expect(flow.reply.embeds?.[0]?.title).toBe(`Invoice ${invoice.invoiceCode}`);
    expect(field(flow.reply, 'Amount')).toMatch(/^Rp[\d.]+$/);
    expect(field(flow.reply, 'Payment status')).toBe('Waiting for payment');
    expect(field(flow.reply, 'Order type')).toBe('Gamepass');
    expect(field(flow.reply, 'Roblox username')).toBe('LeuwongUser');
    expect(flow.reply.embeds?.[0]?.footer?.text).toMatch(/SANDBOX/);
    const [link] = buttons(flow.reply);
    expect(link?.style).toBe(5);
    expect(link?.url).toBe(`${world.store.origin}/user/invoice/${invoice.invoiceCode}`);
    // Nothing public: the only messages are the ephemeral reply.
    expect(
      world.discord.requests.filter((r) => r.path.includes('/channels/') && r.method === 'POST'),
    ).toHaveLength(0);
  });

  it('orders a VIP server in Indonesian when the type is chosen with the slash-command option', async () => {
    const flow = await placeOrder(world, { locale: 'id', type: 'vip_server' });
    const modal = flow.command.callbacks[0]!.data as { title: string; components: { label: string }[] };
    expect(modal.title).toBe('Order LeuwongRR');
    expect(modal.components.map((c) => c.label)).toEqual([
      'Username Roblox',
      'Place ID atau link game',
      'Gamepass ID atau link',
    ]);
    expect(createRequestsFor(world, flow.command.id)[0]?.body).toMatchObject({ order_type: 'vip_server' });
    expect(field(flow.reply, 'Jenis order')).toBe('VIP server');
    expect(field(flow.reply, 'Status pembayaran')).toBe('Menunggu pembayaran');
    expect(buttons(flow.reply)[0]?.label).toBe('Buka invoice');
  });

  it('orders a VIP server chosen inside the modal', async () => {
    const flow = await placeOrder(world, { values: { order_type: ['vip_server'] } });
    expect(createRequestsFor(world, flow.command.id)[0]?.body).toMatchObject({ order_type: 'vip_server' });
  });

  it('works in a DM with the bot', async () => {
    const flow = await placeOrder(world, { guildId: null });
    expect(ledgerFor(world, flow.command.id)).toHaveLength(1);
  });

  it('names every bad field, calls nothing, and gives the input back through "Edit and resubmit"', async () => {
    const userId = '100000000000000777';
    const flow = await placeOrder(world, {
      userId,
      values: {
        username: '_bad__name_',
        place: 'https://www.roblox.com/share?code=abc&type=Server',
        gamepass: '0',
      },
    });
    // The interaction's log lines carry who and what (its logger is made when first used).
    const rejected = await bot.waitForLog(
      (line) => line.msg === 'order input rejected' && line.interactionId === flow.submit.id,
    );
    expect(rejected).toMatchObject({ userId, customId: 'order' });
    const handled = await bot.waitForLog(
      (line) => line.msg === 'interaction handled' && line.interactionId === flow.command.id,
    );
    expect(handled).toMatchObject({ userId, command: 'order' });
    expect(flow.reply.content).toContain('**Roblox username** can have only one underscore');
    expect(flow.reply.content).toContain('**Place** is a share link');
    expect(flow.reply.content).toContain('**Gamepass** must be a positive number');
    expect(createRequestsFor(world, flow.command.id)).toHaveLength(0);

    const fix = buttons(flow.reply)[0]!;
    const click = world.discord.dispatchComponent(flow.submit, fix.custom_id!);
    const reopened = await click.waitForCallback();
    expect(reopened.type).toBe(9);
    const values = (
      reopened.data as { components: { component: { custom_id: string; value?: string } }[] }
    ).components
      .map((c) => c.component)
      .filter((c) => c.value !== undefined);
    expect(values).toContainEqual(expect.objectContaining({ custom_id: 'username', value: '_bad__name_' }));

    const resubmit = world.discord.submitModal(click, { ...VALID, order_type: ['gamepass'] });
    await resubmit.waitForCallback();
    const reply = body(await resubmit.waitForEdit(undefined, 20_000));
    expect(reply.embeds?.[0]?.title).toMatch(/^Invoice /);
    expect(ledgerFor(world, flow.command.id)).toHaveLength(1);
  });

  it('keeps one draft per user, however many forms with mistakes they send', async () => {
    const userId = '100000000000000778';
    for (const username of ['_one__', '_two__', '_three__']) {
      const flow = await placeOrder(world, { userId, values: { username } });
      expect(flow.reply.content).toContain('**Roblox username**');
    }
    const db = new Database((world.env.STORE_URL ?? '').slice('sqlite:'.length), { readonly: true });
    try {
      const drafts = db.prepare('SELECT value FROM kv WHERE key LIKE ?').all(`draft:%${userId}%`) as {
        value: string;
      }[];
      expect(drafts).toHaveLength(1);
      expect(drafts[0]?.value).toContain('_three__');
    } finally {
      db.close();
    }
  });

  it('explains which link to paste for a Creator Hub link', async () => {
    const flow = await placeOrder(world, {
      values: { place: 'https://create.roblox.com/dashboard/creations/experiences/555/overview' },
    });
    expect(flow.reply.content).toContain('Creator Hub');
    expect(createRequestsFor(world, flow.command.id)).toHaveLength(0);
  });

  it('makes one order when the same submit event is delivered twice, and shows the same invoice to a second submit', async () => {
    const flow = await placeOrder(world);
    world.discord.redeliver(flow.submit);
    await world.discord.waitFor(() => (flow.submit.callbacks.length >= 2 ? true : undefined));
    expect(flow.submit.callbacks[1]?.errorCode).toBe(40060);

    const again = world.discord.submitModal(flow.command, { ...VALID, order_type: ['gamepass'] });
    await again.waitForCallback();
    const reply = body(await again.waitForEdit());
    expect(reply.embeds?.[0]?.title).toBe(flow.reply.embeds?.[0]?.title);
    expect(ledgerFor(world, flow.command.id)).toHaveLength(1);
    expect(createRequestsFor(world, flow.command.id)).toHaveLength(1);
  });

  it('turns a Roblox validation failure into a clear message, and a corrected resubmit uses a new key', async () => {
    const flow = await placeOrder(world, { values: { username: 'NotFoundUser' } });
    expect(flow.reply.content).toContain('Roblox could not confirm this order');
    const fix = buttons(flow.reply)[0]!;
    const click = world.discord.dispatchComponent(flow.submit, fix.custom_id!);
    await click.waitForCallback();
    const resubmit = world.discord.submitModal(click, { ...VALID, order_type: ['gamepass'] });
    await resubmit.waitForCallback();
    const reply = body(await resubmit.waitForEdit(undefined, 20_000));
    expect(reply.embeds?.[0]?.title).toMatch(/^Invoice /);
    const keys = createRequestsFor(world, flow.command.id).map((r) => r.headers['idempotency-key']);
    expect(keys).toEqual([
      `discord-${flow.command.id}-${flow.command.user.id}-1`,
      `discord-${flow.command.id}-${flow.command.user.id}-2`,
    ]);
    expect(ledgerFor(world, flow.command.id)).toHaveLength(1);
  });

  it('answers an expired or foreign custom_id politely', async () => {
    const raw = world.discord.dispatchCommand({ name: 'order' });
    await raw.waitForCallback();
    const { id: _id, token: _token, ...rest } = raw.payload;
    const submit = world.discord.dispatchModalSubmit({
      ...rest,
      type: 5,
      data: { custom_id: 'order:0:1:1:i:g', components: [] },
    });
    const reply = await submit.waitForCallback();
    expect(reply.type).toBe(4);
    expect((reply.data as { content: string; flags: number }).content).toBe(
      'This form has expired. Please run the command again.',
    );
    expect((reply.data as { flags: number }).flags).toBe(64);
  });

  it('never writes a secret to its output', () => {
    const output = bot.output.join('\n');
    expect(output.length).toBeGreaterThan(0);
    expect(output).not.toContain(SANDBOX_TOKEN);
    expect(output).not.toContain(DISCORD_TOKEN);
    for (const handle of world.discord.requests) expect(handle.path).toBeDefined();
  });
});
