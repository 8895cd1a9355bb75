import { afterEach, describe, expect, it } from 'vitest';
import { freePort, startWorld, type World } from './harness.js';
import { parsePrometheus, sampleValue } from '../support/prometheus.js';
import { placeOrder } from './flows.js';

describe('operating the bot', () => {
  let world: World | undefined;

  afterEach(async () => {
    await world?.close();
    world = undefined;
  });

  it('answers /healthz and /readyz on 127.0.0.1 when HEALTH_PORT is set', async () => {
    world = await startWorld({ store: { rateLimit: false } });
    const port = await freePort();
    await world.start({ HEALTH_PORT: String(port) });
    const healthz = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(healthz.status).toBe(200);
    const readyz = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(readyz.status).toBe(200);
    expect(await readyz.json()).toEqual({ ok: true, checks: { gateway: true, store: true, token: true } });
    expect((await fetch(`http://127.0.0.1:${port}/nope`)).status).toBe(404);
  });

  it('is not ready while the LeuwongRR store has not accepted the token', async () => {
    world = await startWorld({ store: { rateLimit: false } });
    await world.store.pause();
    const port = await freePort();
    await world.start({ HEALTH_PORT: String(port), LEUWONG_TIMEOUT_SECONDS: '1' });
    const readyz = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(readyz.status).toBe(503);
    expect(await readyz.json()).toMatchObject({ ok: false, checks: { token: false } });
    const metrics = parsePrometheus(await (await fetch(`http://127.0.0.1:${port}/metrics`)).text());
    expect(sampleValue(metrics, 'leuwong_ready')).toBe(0);
  });

  it('answers only where the operator allows orders, with a polite message elsewhere', async () => {
    world = await startWorld({ store: { rateLimit: false } });
    const allowedChannel = '900000000000000001';
    const role = '900000000000000002';
    await world.start({ ALLOWED_CHANNEL_IDS: allowedChannel, REQUIRED_ROLE_ID: role });

    const elsewhere = world.discord.dispatchCommand({ name: 'order' });
    expect((await elsewhere.waitForCallback()).data).toMatchObject({
      content: 'Orders cannot be placed here. Please use the channel your server set up for orders.',
      flags: 64,
    });

    const dm = world.discord.dispatchCommand({ name: 'order', guildId: null, locale: 'id' });
    expect((await dm.waitForCallback()).data).toMatchObject({
      content: 'Order tidak bisa dibuat di sini. Pakai channel order yang disiapkan server ini.',
    });

    const noRole = world.discord.dispatchCommand({ name: 'order', channelId: allowedChannel });
    expect((await noRole.waitForCallback()).data).toMatchObject({
      content: 'You do not have the role needed to place orders here. Ask the server admins about it.',
    });
    expect(world.store.requests.filter((r) => r.route === 'create')).toHaveLength(0);
  });

  it('refuses a second different order inside the cooldown, saying when the user can order again', async () => {
    world = await startWorld({ store: { rateLimit: false }, env: { ORDER_COOLDOWN_SECONDS: '60' } });
    await world.start();
    const userId = '100000000000000555';
    const first = await placeOrder(world, { userId });
    expect(first.reply.embeds?.[0]?.title).toMatch(/^Invoice /);
    const second = await placeOrder(world, { userId });
    expect(second.reply.content).toMatch(
      /^You just placed an order\. You can place another one <t:\d+:R>\.$/,
    );
    expect(world.store.ledger).toHaveLength(1);
  });
});
