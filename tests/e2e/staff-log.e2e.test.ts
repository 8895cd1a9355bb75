import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorld, until, type BotProcess, type World } from './harness.js';
import { ledgerFor, placeOrder } from './flows.js';

interface Posted {
  embeds: { title: string; fields: { name: string; value: string }[]; timestamp?: string }[];
  content: string;
}

/** ORDER_LOG_CHANNEL_ID: one message per order event, no links, no pings, never in the customer's way. */
describe('the staff log, through the real bot process', () => {
  let world: World;
  let bot: BotProcess;
  let channel: string;

  beforeAll(async () => {
    world = await startWorld({ store: { rateLimit: false }, env: { PAYMENT_WATCH_SECONDS: '1' } });
    channel = world.discord.channelIds[0]!;
    bot = await world.start({ ORDER_LOG_CHANNEL_ID: channel });
  }, 30_000);

  afterAll(async () => {
    await world.close();
  });

  const posts = () => (world.discord.channelMessages.get(channel) ?? []) as unknown as Posted[];
  const fieldOf = (post: Posted, name: string) => post.embeds[0]?.fields.find((f) => f.name === name)?.value;

  it('says at start that it can post there', async () => {
    await bot.waitForLog((line) => line.msg === 'staff log: orders are posted to the channel');
  });

  it('posts an order created and, once paid, its payment; with the facts and no invoice link', async () => {
    const userId = '100000000000000931';
    const flow = await placeOrder(world, { userId, values: { username: 'StaffSees' } });
    const code = ledgerFor(world, flow.command.id)[0]!.invoiceCode;
    const created = await until(
      () => posts().find((p) => p.embeds[0]?.title === 'Order created' && fieldOf(p, 'Invoice') === code),
      'the created post',
    );
    expect(fieldOf(created, 'Roblox username')).toBe('StaffSees');
    expect(fieldOf(created, 'Order type')).toBe('Gamepass');
    expect(fieldOf(created, 'Account')).toBe('Shop');
    expect(fieldOf(created, 'Customer')).toBe(`<@${userId}>`);
    expect(fieldOf(created, 'Amount')).toMatch(/^Rp/);
    expect(JSON.stringify(created)).not.toContain('/user/invoice/');

    const markedPaidAt = Date.now();
    world.store.setPaymentStatus(code, 'paid');
    const paid = await until(
      () => posts().find((p) => p.embeds[0]?.title === 'Invoice paid' && fieldOf(p, 'Invoice') === code),
      'the paid post',
      10_000,
    );
    expect(fieldOf(paid, 'Customer')).toBe(`<@${userId}>`);
    // Stamped when the payment was seen, not when the order was placed.
    expect(Date.parse(paid.embeds[0]?.timestamp ?? '')).toBeGreaterThanOrEqual(markedPaidAt);
    // One message per event: the created and the paid post of this invoice, once each.
    const ofInvoice = posts().filter((p) => fieldOf(p, 'Invoice') === code);
    expect(ofInvoice.map((p) => p.embeds[0]?.title)).toEqual(['Order created', 'Invoice paid']);
  });

  it('posts a refusal by the store with its reason', async () => {
    const flow = await placeOrder(world, { values: { username: 'NotFoundUser' } });
    expect(flow.reply.content).toContain('Roblox could not confirm');
    const refused = await until(
      () => posts().find((p) => p.embeds[0]?.title === 'Order refused by the store'),
      'the refused post',
    );
    expect(fieldOf(refused, 'Reason')).toBe('ROBLOX\\_VALIDATION\\_FAILED');
  });

  it('logs a post the channel refuses, and the customer gets the invoice all the same', async () => {
    world.discord.postsRefusedIn.add(channel);
    try {
      const flow = await placeOrder(world);
      expect(flow.reply.embeds?.[0]?.title).toMatch(/^Invoice /);
      await bot.waitForLog((line) => line.msg === 'could not post to the staff log');
    } finally {
      world.discord.postsRefusedIn.delete(channel);
    }
  });
});
