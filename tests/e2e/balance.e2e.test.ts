import { describe, expect, it } from 'vitest';
import { PRODUCTION_TOKEN, type World } from './harness.js';
import { createRequestsFor, field, ledgerFor, placeOrder } from './flows.js';
import { sharedWorld } from './suite.js';

const LINKED = '100000000000000001';
const UNLINKED = '100000000000000002';

describe('/order-balance through the real bot process', () => {
  let world: World;
  sharedWorld({ store: { rateLimit: false }, env: { LEUWONG_API_TOKEN: PRODUCTION_TOKEN } }, (started) => {
    world = started;
  });

  it('pays with the balance of a linked account and shows it paid, without a SANDBOX mark', async () => {
    const before = world.store.accounts.byToken(PRODUCTION_TOKEN)!.balance;
    const flow = await placeOrder(world, { command: 'order-balance', userId: LINKED });
    const [request] = createRequestsFor(world, flow.command.id);
    expect(request?.body).toMatchObject({ payment_method: 'balance' });
    expect(request?.headers['x-discord-user-id']).toBe(LINKED);
    expect(ledgerFor(world, flow.command.id)).toHaveLength(1);
    expect(world.store.accounts.byToken(PRODUCTION_TOKEN)!.balance).toBeLessThan(before);
    expect(field(flow.reply, 'Payment status')).toBe('Paid');
    expect(field(flow.reply, 'Payment method')).toBe('LeuwongRR balance');
    expect(flow.reply.embeds?.[0]?.footer).toBeUndefined();
    expect(flow.reply.embeds?.[0]?.description).toContain('paid with your balance');
  });

  it('tells an unlinked user how to connect their Discord account, in Indonesian', async () => {
    const flow = await placeOrder(world, { command: 'order-balance', userId: UNLINKED, locale: 'id' });
    expect(flow.reply.content).toContain('belum tersambung');
    expect(flow.reply.content).toContain('sambungkan Discord');
    expect(flow.reply.content).toContain('ketik /order');
    expect(ledgerFor(world, flow.command.id)).toHaveLength(0);
  });

  it('tells a user whose balance is too low to top up or pay by invoice', async () => {
    const account = world.store.accounts.byToken(PRODUCTION_TOKEN)!;
    const saved = account.balance;
    account.balance = 10;
    try {
      const flow = await placeOrder(world, { command: 'order-balance', userId: LINKED });
      expect(flow.reply.content).toBe(
        'Your LeuwongRR balance is too low for this order. Top up at https://leuwongrr.online, or use /order to pay by invoice instead.',
      );
      expect(ledgerFor(world, flow.command.id)).toHaveLength(0);
    } finally {
      account.balance = saved;
    }
  });
});
