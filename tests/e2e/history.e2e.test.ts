import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorld, type BotProcess, type World } from './harness.js';
import { body, buttons, ledgerFor, placeOrder, slash, type ReplyBody, NOT_YOURS } from './flows.js';

const ALICE = '100000000000000811';
const BOB = '100000000000000812';
const NOBODY = '100000000000000813';

const codes = (reply: ReplyBody) =>
  (reply.embeds?.[0]?.fields ?? []).map((f) => f.name.replace(/^\d+\. /, ''));

/** `/orders`: the caller's own orders on the shop's token, newest first, five a page, across a restart. */
describe('/orders, through the real bot process', () => {
  let world: World;
  let bot: BotProcess;
  /** Alice's invoice codes, newest first. */
  const alice: string[] = [];
  let bobCode: string;

  beforeAll(async () => {
    world = await startWorld({ store: { rateLimit: false } });
    bot = await world.start();
    for (let n = 1; n <= 6; n++) {
      const flow = await placeOrder(world, { userId: ALICE, values: { username: `AliceBuys${n}` } });
      alice.unshift(ledgerFor(world, flow.command.id)[0]!.invoiceCode);
      if (n === 3) {
        const bob = await placeOrder(world, { userId: BOB, values: { username: 'BobBuys' } });
        bobCode = ledgerFor(world, bob.command.id)[0]!.invoiceCode;
      }
    }
  }, 60_000);

  afterAll(async () => {
    await world.close();
  });

  it('registers /orders, /pesanan in Indonesian', () => {
    const orders = world.discord.commands.global.find((command) => command.name === 'orders');
    expect(orders?.name_localizations?.id).toBe('pesanan');
  });

  it('shows the caller five of their own orders, newest first, with the facts and an Open button each', async () => {
    const { reply } = await slash(world, 'orders', ALICE);
    expect(reply.embeds?.[0]?.title).toBe('Your orders (page 1 of 2)');
    expect(codes(reply)).toEqual(alice.slice(0, 5));
    expect(reply.embeds?.[0]?.fields?.[0]?.value).toMatch(
      /^Gamepass · AliceBuys6 · Rp.* · Waiting for payment/,
    );
    expect(JSON.stringify(reply)).not.toContain(bobCode);
    const links = buttons(reply).filter((b) => b.url !== undefined);
    expect(links).toHaveLength(5);
    for (const link of links) expect(link.url!.startsWith(new URL(world.store.baseUrl).origin)).toBe(true);
  });

  it('pages with Next, and a page beyond the end shows the last one', async () => {
    const { command, reply } = await slash(world, 'orders', ALICE);
    const next = buttons(reply).find((b) => b.label === 'Next')!;
    const click = world.discord.dispatchComponent(command, next.custom_id!);
    expect((await click.waitForCallback()).type).toBe(6);
    const second = body(await click.waitForEdit(undefined, 20_000));
    expect(second.embeds?.[0]?.title).toBe('Your orders (page 2 of 2)');
    expect(codes(second)).toEqual(alice.slice(5));

    const far = world.discord.forgeButton(command, `orders-page:1:${ALICE}:99`);
    expect((await far.waitForCallback()).type).toBe(6);
    expect(codes(body(await far.waitForEdit(undefined, 20_000)))).toEqual(alice.slice(5));
  });

  it("answers in Indonesian and shows only the caller's order", async () => {
    const { reply } = await slash(world, 'orders', BOB, { locale: 'id' });
    expect(reply.embeds?.[0]?.title).toBe('Pesanan kamu (halaman 1 dari 1)');
    expect(codes(reply)).toEqual([bobCode]);
    expect(buttons(reply).map((b) => b.label)).toEqual([`Buka ${bobCode}`]);
  });

  it('refuses a page button forged for another user, showing nothing of theirs', async () => {
    const { command } = await slash(world, 'orders', BOB);
    const forged = world.discord.forgeButton(command, `orders-page:1:${ALICE}:0`);
    const callback = await forged.waitForCallback();
    expect(callback.type).toBe(4);
    expect(callback.data).toMatchObject({ content: NOT_YOURS, flags: 64 });
    for (const code of alice) expect(JSON.stringify(callback.data)).not.toContain(code);
  });

  it('says so when the caller has no orders', async () => {
    const { reply } = await slash(world, 'orders', NOBODY, { locale: 'id' });
    expect(reply.content).toBe(
      'Belum ada pesanan kamu lewat bot ini dalam 30 hari terakhir. Ketik /order untuk pesan.',
    );
    expect(reply.embeds ?? []).toEqual([]);
  });

  it('keeps the history across a restart (the same SQLite file)', async () => {
    await bot.stop();
    bot = await world.start();
    const { reply } = await slash(world, 'orders', ALICE);
    expect(codes(reply)).toEqual(alice.slice(0, 5));
  });
});
