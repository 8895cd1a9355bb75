import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DISCORD_TOKEN, SANDBOX_TOKEN, spawnBot, startWorld, until, type World } from './harness.js';
import { body, ledgerFor, placeOrder, VALID } from './flows.js';

const FAST = { LEUWONG_TIMEOUT_SECONDS: '1', RECOVERY_INTERVAL_SECONDS: '1' };

/** The requests the Discord emulator got for the application's global commands, with this method. */
function commandRequests(world: World, method: 'GET' | 'PUT') {
  const path = `/applications/${world.discord.applicationId}/commands`;
  return world.discord.requests.filter((r) => r.method === method && r.path.endsWith(path));
}

/** An order the store commits but never answers, then SIGKILL: the answer exists only in the store. */
async function crashAfterCommit(world: World) {
  const first = await world.start();
  world.store.inject({ type: 'hang_after_commit' });
  const command = world.discord.dispatchCommand({ name: 'order' });
  await command.waitForCallback();
  const submit = world.discord.submitModal(command, { ...VALID, order_type: ['gamepass'] });
  await until(() => ledgerFor(world, command.id).length === 1, 'the store to commit');
  await first.stop('SIGKILL');
  return { command, submit };
}

describe('the bot process over its life', () => {
  let world: World | undefined;

  afterEach(async () => {
    await world?.close();
    world = undefined;
  });

  it('resumes after a gateway reconnect request and handles the submit sent while it was away', async () => {
    world = await startWorld({ store: { rateLimit: false } });
    await world.start();
    const command = world.discord.dispatchCommand({ name: 'order' });
    await command.waitForCallback();
    world.discord.requestReconnect();
    // Submitted while the bot is away: Discord queues it and replays it after RESUME.
    await world.discord.waitFor(() => (world!.discord.sessions[0]?.connected === false ? true : undefined));
    const submit = world.discord.submitModal(command, { ...VALID, order_type: ['gamepass'] });
    const reply = body(await submit.waitForEdit(undefined, 20_000));
    expect(reply.embeds?.[0]?.title).toMatch(/^Invoice /);
    expect(world.discord.sessions[0]?.resumes).toBe(1);
    expect(ledgerFor(world, command.id)).toHaveLength(1);
  });

  it('on SIGTERM finishes the order in flight, tells the user, refuses new work, and exits 0', async () => {
    world = await startWorld({ store: { rateLimit: false } });
    const bot = await world.start();
    world.store.inject({ type: 'delay', ms: 1500 });
    const command = world.discord.dispatchCommand({ name: 'order' });
    await command.waitForCallback();
    const submit = world.discord.submitModal(command, { ...VALID, order_type: ['gamepass'] });
    await world.store.waitForRequests(1, 'create');
    bot.child.kill('SIGTERM');
    await bot.waitForLog((line) => line.msg.startsWith('shutting down'));

    const late = world.discord.dispatchCommand({ name: 'order' });
    const refusal = await late.waitForCallback();
    expect(refusal.data).toMatchObject({
      content: 'The bot is restarting. Please try again in a minute.',
      flags: 64,
    });

    const reply = body(await submit.waitForEdit(undefined, 20_000));
    expect(reply.embeds?.[0]?.title).toMatch(/^Invoice /);
    expect(await bot.exited).toEqual({ code: 0, signal: null });
    expect(ledgerFor(world, command.id)).toHaveLength(1);
    // The user was told before the exit: the order left recovery's open index, so no restart tells them again.
    const db = new Database((world.env.STORE_URL ?? '').slice('sqlite:'.length), { readonly: true });
    try {
      expect(db.prepare("SELECT key FROM kv WHERE key LIKE 'open:%'").all()).toEqual([]);
      expect(db.prepare("SELECT COUNT(*) AS n FROM kv WHERE key LIKE 'order:%'").get()).toEqual({ n: 1 });
    } finally {
      db.close();
    }
  });

  it('SIGKILL after the store committed but before the reply: a restart recovers the order and tells the user', async () => {
    world = await startWorld({ store: { rateLimit: false }, env: FAST });
    const { command, submit } = await crashAfterCommit(world);

    const second = await world.start();
    const edit = await submit.waitForEdit(
      (e) => (e.body as { embeds?: unknown[] }).embeds?.length === 1,
      20_000,
    );
    expect(body(edit).embeds?.[0]?.title).toBe(`Invoice ${ledgerFor(world, command.id)[0]!.invoiceCode}`);
    expect(ledgerFor(world, command.id)).toHaveLength(1);
    await second.waitForLog((line) => line.msg === 'recovered an open order');
  }, 40_000);

  it('a restart while the store is down: the bot starts anyway and completes the order once the store is back', async () => {
    world = await startWorld({ store: { rateLimit: false }, env: FAST });
    const { command, submit } = await crashAfterCommit(world);
    await world.store.pause();

    const second = await world.start();
    await second.waitForLog((line) => line.msg.includes('cannot be reached at start'));
    await second.waitForLog((line) => line.msg === 'order outcome unknown after retries', 20_000);
    await world.store.resume();
    const edit = await submit.waitForEdit(
      (e) => (e.body as { embeds?: unknown[] }).embeds?.length === 1,
      20_000,
    );
    expect(body(edit).embeds?.[0]?.title).toMatch(/^Invoice /);
    expect(ledgerFor(world, command.id)).toHaveLength(1);
  }, 40_000);

  it('tells the user by DM when the original reply can no longer be edited, and stays quiet when DMs are closed', async () => {
    world = await startWorld({
      store: { rateLimit: false },
      env: FAST,
      discord: { interactionTokenTtlMs: 1000 },
    });
    const first = await world.start();
    world.store.inject({ type: 'hang_after_commit' }, { times: 2 });
    const open = '100000000000000201';
    const closed = '100000000000000202';
    world.discord.dmsClosedFor.add(closed);
    const flows = [open, closed].map((userId) => {
      const command = world!.discord.dispatchCommand({ name: 'order', user: { id: userId } });
      return { userId, command };
    });
    for (const { command } of flows) await command.waitForCallback();
    for (const { command } of flows)
      world.discord.submitModal(command, { ...VALID, order_type: ['gamepass'] });
    await until(() => world!.store.ledger.length === 2, 'both orders to be committed');
    await first.stop('SIGKILL');

    const second = await world.start();
    const dm = await world.discord.waitForDm(open, 20_000).catch((error: unknown) => {
      console.log(second.output.join('\n'));
      throw error;
    });
    const message = dm.body as { content: string; embeds: { title: string }[] };
    expect(message.content).toContain('Update on your LeuwongRR order');
    expect(message.embeds[0]?.title).toMatch(/^Invoice /);
    await second.waitForLog((line) => line.msg === 'the user does not accept DMs; nothing sent', 20_000);
    expect(world.discord.dms.get(closed) ?? []).toHaveLength(0);
    expect(world.store.ledger).toHaveLength(2);
  }, 40_000);

  it('exits non-zero with a clear message when the LeuwongRR token is refused', async () => {
    world = await startWorld();
    const bot = spawnBot({ ...world.env, LEUWONG_API_TOKEN: 'lrrs_v1_revoked_or_unknown' });
    const exit = await bot.exited;
    expect(exit.code).toBe(2);
    expect(bot.output.join('\n')).toContain('The LeuwongRR token (LEUWONG_API_TOKEN) is invalid');
    // One fatal line, the clear one: not a second one with the stack.
    expect(bot.logs.filter((line) => line.msg === 'the bot could not start')).toEqual([]);
    expect(world.discord.commands.global).toHaveLength(0);
  });

  it('reads what Discord has registered while its token is checked, and writes the commands only once the token is accepted', async () => {
    world = await startWorld();
    world.store.inject({ type: 'delay', ms: 1500 }, { route: 'validate' });
    const bot = spawnBot(world.env);
    world.bots.push(bot);
    await world.discord.waitFor(
      () => commandRequests(world!, 'GET')[0],
      5000,
      'the bot to read the registered commands',
    );
    expect(bot.logs.some((line) => line.msg === 'LeuwongRR token is valid')).toBe(false);
    expect(commandRequests(world, 'PUT')).toHaveLength(0);

    await bot.ready();
    const order = bot.logs.map((line) => line.msg);
    expect(order.indexOf('LeuwongRR token is valid')).toBeGreaterThanOrEqual(0);
    expect(order.indexOf('LeuwongRR token is valid')).toBeLessThan(
      order.indexOf('slash commands registered'),
    );
    expect(world.discord.commands.global.map((command) => command.name)).toContain('order');
  });

  it('writes the commands once: a restart finds them registered and leaves them as they are', async () => {
    world = await startWorld();
    const first = await world.start();
    expect(first.logs.some((line) => line.msg === 'slash commands registered')).toBe(true);
    await first.stop();

    const second = await world.start();
    expect(second.logs.some((line) => line.msg === 'slash commands up to date')).toBe(true);
    expect(commandRequests(world, 'PUT')).toHaveLength(1);
  });

  it('reports every configuration problem at once and exits 1 before connecting anywhere', async () => {
    world = await startWorld();
    const bot = spawnBot({
      LEUWONG_API_URL: 'ftp://example.invalid',
      LOG_LEVEL: 'loud',
      ORDER_COOLDOWN_SECONDS: '-3',
      STORE_URL: world.storeUrl(),
    });
    const exit = await bot.exited;
    expect(exit.code).toBe(1);
    const output = bot.output.join('\n');
    for (const name of [
      'DISCORD_TOKEN',
      'LEUWONG_API_TOKEN',
      'LEUWONG_API_URL',
      'LOG_LEVEL',
      'ORDER_COOLDOWN_SECONDS',
    ]) {
      expect(output).toContain(name);
    }
    expect(world.discord.requests).toHaveLength(0);
    expect(world.store.requests).toHaveLength(0);
  });

  it('keeps every secret out of its output through failures and restarts', async () => {
    world = await startWorld({ store: { rateLimit: false }, env: FAST });
    const bot = await world.start();
    world.store.inject({ type: 'status', status: 500 }, { times: 100 });
    const flow = await placeOrder(world);
    world.store.clearFaults();
    world.discord.redeliver(flow.submit);
    await until(() => flow.submit.callbacks.length >= 2, 'the duplicate to be refused');
    const output = bot.output.join('\n');
    expect(output).not.toContain(SANDBOX_TOKEN);
    expect(output).not.toContain(DISCORD_TOKEN);
    expect(output).not.toContain(flow.submit.token);
    expect(output).not.toContain(flow.command.token);
  });
});
