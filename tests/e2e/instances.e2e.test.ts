import { createClient } from '@redis/client';
import { afterEach, describe, expect, it } from 'vitest';
import { startWorld, type World } from './harness.js';
import { body, createRequestsFor, ledgerFor, VALID } from './flows.js';

/** Database 14 of the local Redis is this file's own; it is emptied before each test. */
const REDIS_URL = process.env.TEST_REDIS_URL_E2E ?? 'redis://127.0.0.1:6379/14';

async function flushRedis(): Promise<void> {
  const client = createClient({ url: REDIS_URL });
  await client.connect();
  await client.flushDb();
  await client.close();
}

describe('several bot processes sharing one Redis', () => {
  let world: World | undefined;

  afterEach(async () => {
    await world?.close();
    world = undefined;
  });

  it('two instances receiving the same interactions (a rolling deploy) make one store call and one reply', async () => {
    await flushRedis();
    world = await startWorld({ store: { rateLimit: false }, env: { STORE_URL: REDIS_URL } });
    await world.start();
    await world.start();
    await world.discord.waitForReady(5000, 2);

    const command = world.discord.dispatchCommand({ name: 'order', to: 'all' });
    await command.waitForCallback();
    const submit = world.discord.submitModal(command, { ...VALID, order_type: ['gamepass'] }, { to: 'all' });
    const reply = body(await submit.waitForEdit(undefined, 20_000));
    expect(reply.embeds?.[0]?.title).toMatch(/^Invoice /);
    await world.discord.waitFor(() => (submit.callbacks.length === 2 ? true : undefined));
    expect(submit.callbacks.filter((c) => c.status < 300)).toHaveLength(1);
    expect(submit.callbacks.filter((c) => c.errorCode === 40060)).toHaveLength(1);
    expect(createRequestsFor(world, command.id)).toHaveLength(1);
    expect(ledgerFor(world, command.id)).toHaveLength(1);
    expect(submit.edits.filter((e) => e.status < 300)).toHaveLength(1);
  });

  it('/orders on one instance shows the orders another instance placed', async () => {
    await flushRedis();
    world = await startWorld({ store: { rateLimit: false }, env: { STORE_URL: REDIS_URL } });
    const first = await world.start();
    await world.start();
    await world.discord.waitForReady(5000, 2);
    const user = { id: '100000000000000955' };

    const command = world.discord.dispatchCommand({ name: 'order', user, to: 'first' });
    await command.waitForCallback();
    const submit = world.discord.submitModal(
      command,
      { ...VALID, order_type: ['gamepass'] },
      { to: 'first' },
    );
    expect(body(await submit.waitForEdit(undefined, 20_000)).embeds?.[0]?.title).toMatch(/^Invoice /);
    const code = ledgerFor(world, command.id)[0]!.invoiceCode;
    await first.stop('SIGKILL');

    const orders = world.discord.dispatchCommand({ name: 'orders', user });
    const listed = JSON.stringify(body(await orders.waitForEdit(undefined, 20_000)));
    expect(listed).toContain(code);
  });

  it('a burst of 30 orders from 30 users stays within the token budget: no 429 from the store, an answer for each', async () => {
    await flushRedis();
    // The store enforces its documented limits (10 a minute, 3 in parallel); the bot runs with its defaults.
    world = await startWorld({
      env: { STORE_URL: REDIS_URL, LEUWONG_ORDERS_PER_MINUTE: '10', LEUWONG_MAX_CONCURRENT: '2' },
    });
    await world.start();
    await world.start();
    await world.discord.waitForReady(5000, 2);

    const users = Array.from({ length: 30 }, (_, i) => String(200_000_000_000_000_000n + BigInt(i)));
    const commands = users.map((id) =>
      world!.discord.dispatchCommand({ name: 'order', user: { id }, to: 'all' }),
    );
    await Promise.all(commands.map((c) => c.waitForCallback()));
    const submits = commands.map((c) =>
      world!.discord.submitModal(c, { ...VALID, order_type: ['gamepass'] }, { to: 'all' }),
    );
    for (const submit of submits) {
      const ack = await submit.waitForCallback();
      expect(ack.at - submit.dispatchedAt).toBeLessThan(3000);
    }
    const replies = await Promise.all(submits.map(async (s) => body(await s.waitForEdit(undefined, 30_000))));

    const invoices = replies.filter((r) => r.embeds?.[0]?.title?.startsWith('Invoice '));
    const waits = replies.filter((r) => /try again in \d+ seconds/.test(r.content ?? ''));
    expect(invoices.length + waits.length).toBe(30);
    expect(invoices).toHaveLength(10);
    expect(world.store.stats.rateLimited).toBe(0);
    expect(world.store.requests.filter((r) => r.status === 429)).toHaveLength(0);
    expect(world.store.stats.maxInFlightCreates).toBeLessThanOrEqual(2);
    expect(world.store.ledger).toHaveLength(10);
  }, 60_000);
});
