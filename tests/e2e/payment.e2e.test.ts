import { afterAll, describe, expect, it } from 'vitest';
import type { InteractionHandle } from '../emulators/discord/index.js';
import { startWorld, until, type World } from './harness.js';
import { body, buttons, field, ledgerFor, placeOrder, slash, type Flow, type ReplyBody } from './flows.js';
import { sharedWorld } from './suite.js';

const checkId = (reply: ReplyBody) => buttons(reply).find((b) => b.label === 'Check payment')?.custom_id;
const invoiceOf = (world: World, flow: Flow) => ledgerFor(world, flow.command.id)[0]!.invoiceCode;
/** The store's status reads, of every invoice or of one. */
const statusReadsOf = (world: World, code?: string) =>
  world.store.requests.filter((r) => r.path.endsWith(code === undefined ? '/status' : `/${code}/status`));

/** Check payment: the invoice's status, read with the order's account, in the same private message. */
describe('Check payment, through the real bot process', () => {
  let world: World;
  sharedWorld({ store: { rateLimit: false }, env: { LEUWONG_TIMEOUT_SECONDS: '1' } }, (started) => {
    world = started;
  });

  const statusReads = () => statusReadsOf(world);

  async function press(
    flow: Flow,
    customId: string,
  ): Promise<{ click: InteractionHandle; reply: ReplyBody }> {
    const click = world.discord.dispatchComponent(flow.submit, customId);
    const ack = await click.waitForCallback();
    expect(ack.type).toBe(6);
    return { click, reply: body(await click.waitForEdit(undefined, 20_000)) };
  }

  it('shows the status the store gives, when it was checked, and no button once paid', async () => {
    const flow = await placeOrder(world);
    const check = checkId(flow.reply);
    expect(check).toMatch(/^pay-check:1:/);
    world.store.setPaymentStatus(invoiceOf(world, flow), 'paid');
    const reads = statusReads().length;

    const { reply } = await press(flow, check!);
    expect(statusReads()).toHaveLength(reads + 1);
    expect(field(reply, 'Payment status')).toBe('Paid');
    expect(reply.embeds?.[0]?.description).toMatch(/Payment status checked <t:\d+:R>\./);
    expect(checkId(reply)).toBeUndefined();
    expect(buttons(reply).map((b) => b.label)).toEqual(['Open invoice']);
  });

  it('gives the status it read to /orders', async () => {
    const user = '100000000000000931';
    const flow = await placeOrder(world, { userId: user });
    world.store.setPaymentStatus(invoiceOf(world, flow), 'expired');
    await press(flow, checkId(flow.reply)!);

    const { reply } = await slash(world, 'orders', user);
    expect(reply.embeds?.[0]?.fields?.[0]?.name).toBe(`1. ${invoiceOf(world, flow)}`);
    expect(reply.embeds?.[0]?.fields?.[0]?.value).toMatch(/ · Expired · SANDBOX$/);
  });

  it('shows a status read less than 10 s ago again instead of asking the store', async () => {
    const flow = await placeOrder(world);
    const check = checkId(flow.reply)!;
    const first = await press(flow, check);
    expect(field(first.reply, 'Payment status')).toBe('Waiting for payment');
    const reads = statusReads().length;
    world.store.setPaymentStatus(invoiceOf(world, flow), 'paid');

    const second = await press(flow, check);
    expect(statusReads()).toHaveLength(reads);
    expect(field(second.reply, 'Payment status')).toBe('Waiting for payment');
    expect(checkId(second.reply)).toBe(check);
  });

  it('says when the store cannot be reached, and keeps the invoice and the button', async () => {
    const flow = await placeOrder(world);
    const check = checkId(flow.reply)!;
    world.store.inject({ type: 'status', status: 503 }, { route: 'any', times: 100 });

    const { reply } = await press(flow, check);
    expect(reply.content).toBe(
      'LeuwongRR could not be reached just now. Press Check payment again in a moment.',
    );
    expect(reply.embeds?.[0]?.title).toBe(flow.reply.embeds?.[0]?.title);
    expect(checkId(reply)).toBe(check);
  });

  it("refuses another user's press without reading anything", async () => {
    const flow = await placeOrder(world, { userId: '100000000000000901' });
    const mallory = await placeOrder(world, { userId: '100000000000000902' });
    const reads = statusReads().length;

    const forged = world.discord.forgeButton(mallory.submit, checkId(flow.reply)!);
    const refusal = await forged.waitForCallback();
    expect(refusal.type).toBe(4);
    expect(refusal.data).toMatchObject({ flags: 64 });
    expect(JSON.stringify(refusal.data)).toContain('belongs to someone else');
    expect(statusReads()).toHaveLength(reads);
  });
});

/** The payment watch: a paid invoice reaches its user without a press. */
describe('the paid notice, through the real bot process', () => {
  let world: World;

  afterAll(async () => {
    await world.close();
  });

  const paidEdit = (edit: { body: unknown }) => field(edit.body as ReplyBody, 'Payment status') === 'Paid';

  it('edits the private reply while it lives, and DMs once it no longer does', async () => {
    // The first check comes 1 s after the order, the next 2 s later.
    world = await startWorld({
      store: { rateLimit: false },
      env: { PAYMENT_WATCH_SECONDS: '1' },
    });
    await world.start();

    const early = await placeOrder(world, { userId: '100000000000000911' });
    world.store.setPaymentStatus(invoiceOf(world, early), 'paid');
    const edit = await early.submit.waitForEdit(paidEdit, 10_000);
    expect(checkId(body(edit))).toBeUndefined();

    const late = await placeOrder(world, { userId: '100000000000000912' });
    const code = invoiceOf(world, late);
    const firstCheck = statusReadsOf(world, code).length;
    await until(() => statusReadsOf(world, code).length > firstCheck || undefined, 'the first check', 10_000);
    world.discord.expireToken(late.submit);
    world.store.setPaymentStatus(code, 'paid');
    const dm = await until(() => world.discord.dms.get('100000000000000912')?.[0], 'the paid DM', 15_000);
    expect(JSON.stringify(dm.body)).toContain(`Your LeuwongRR invoice ${code} is paid.`);
    expect(JSON.stringify(dm.body)).toContain('"Paid"');
  });
});
