import { SnowflakeUtil } from 'discord.js';
import { describe, expect, it } from 'vitest';
import type { InteractionHandle } from '../emulators/discord/index.js';
import type { World } from './harness.js';
import {
  body,
  buttons,
  createRequestsFor,
  ledgerFor,
  placeOrder,
  VALID,
  type ReplyBody,
  NOT_YOURS,
} from './flows.js';
import { sharedWorld } from './suite.js';

const ALICE = '100000000000000501';
const MALLORY = '100000000000000666';

/**
 * A modified client sends custom_ids the bot gave another user (they are not secret: the order
 * reference is shown to users). Nothing of the other user is shown, nothing is sent to the store,
 * and the owner's own flow goes on unaffected.
 */
describe('orders belong to the user who started them', () => {
  let world: World;
  sharedWorld({ store: { rateLimit: false } }, (started) => {
    world = started;
  });

  /** Mallory runs /order and submits the modal she was shown under `customId` instead of its own. */
  async function malloryForgesModal(customId: string): Promise<InteractionHandle> {
    const command = world.discord.dispatchCommand({ name: 'order', user: { id: MALLORY } });
    await command.waitForCallback();
    return world.discord.submitModal(
      command,
      { ...VALID, username: 'MalloryPlays', order_type: ['gamepass'] },
      { forgedCustomId: customId },
    );
  }

  /** Mallory clicks a button with `customId` on a message of her own. */
  async function malloryForgesButton(customId: string): Promise<InteractionHandle> {
    const own = await placeOrder(world, { userId: MALLORY, values: { username: 'MalloryPlays' } });
    return world.discord.forgeButton(own.submit, customId);
  }

  async function expectRefused(handle: InteractionHandle): Promise<void> {
    const callback = await handle.waitForCallback();
    expect(callback.type).toBe(4);
    expect(callback.data).toMatchObject({ content: NOT_YOURS, flags: 64, allowed_mentions: { parse: [] } });
    expect(JSON.stringify(callback.data)).not.toContain('Invoice');
  }

  const modalId = (command: InteractionHandle): string => {
    const modal = command.callbacks[0]?.data as { custom_id: string };
    return modal.custom_id;
  };
  const buttonId = (reply: ReplyBody, label: string): string =>
    buttons(reply).find((b) => b.label === label)?.custom_id ?? '';

  it("another user's modal: refused, no store call, and the owner's invoice is never shown", async () => {
    const alice = await placeOrder(world, { userId: ALICE });
    const calls = world.store.requests.length;

    const forged = await malloryForgesModal(modalId(alice.command));
    await expectRefused(forged);
    expect(world.store.requests.length).toBe(calls);
    expect(ledgerFor(world, alice.command.id)).toHaveLength(1);
  });

  it("another user's modal id with her own user in it: a key of her own, never the owner's order", async () => {
    const alice = await placeOrder(world, { userId: ALICE });
    const stolen = modalId(alice.command).replace(`:${ALICE}:`, `:${MALLORY}:`);
    const forged = await malloryForgesModal(stolen);
    await forged.waitForCallback();
    const reply = body(await forged.waitForEdit(undefined, 20_000));

    expect(reply.embeds?.[0]?.title).not.toBe(alice.reply.embeds?.[0]?.title);
    const keys = createRequestsFor(world, alice.command.id).map((r) => r.headers['idempotency-key']);
    expect(keys).toEqual([
      `discord-${alice.command.id}-${ALICE}-1`,
      `discord-${alice.command.id}-${MALLORY}-1`,
    ]);
    const ledger = ledgerFor(world, alice.command.id);
    expect(ledger.map((entry) => entry.body.roblox_username).sort()).toEqual(['LeuwongUser', 'MalloryPlays']);
  });

  it("another user's Edit button: refused, no form, no draft of the owner's input", async () => {
    const alice = await placeOrder(world, { userId: ALICE, values: { username: '_bad__name_' } });
    const edit = buttonId(alice.reply, 'Edit and resubmit');
    expect(edit).toMatch(/^order-fix:2:/);

    const forged = await malloryForgesButton(edit);
    await expectRefused(forged);
    expect(JSON.stringify(forged.callbacks)).not.toContain('_bad__name_');

    // Alice's own button still reopens her form with her input.
    const click = world.discord.dispatchComponent(alice.submit, edit);
    const reopened = await click.waitForCallback();
    expect(reopened.type).toBe(9);
    expect(JSON.stringify(reopened.data)).toContain('_bad__name_');
  });

  it("another user's Retry button: refused, nothing sent; the owner's Retry places the order", async () => {
    world.store.inject({ type: 'status', status: 500 }, { times: 100 });
    const alice = await placeOrder(world, { userId: ALICE });
    const retry = buttonId(alice.reply, 'Retry');
    expect(retry).toMatch(/^order-retry:2:/);
    world.store.clearFaults();
    const calls = createRequestsFor(world, alice.command.id).length;

    const forged = await malloryForgesButton(retry);
    await expectRefused(forged);
    expect(createRequestsFor(world, alice.command.id)).toHaveLength(calls);

    const click = world.discord.dispatchComponent(alice.submit, retry);
    const reply = body(await click.waitForEdit(undefined, 20_000));
    expect(reply.embeds?.[0]?.title).toMatch(/^Invoice /);
    expect(ledgerFor(world, alice.command.id)).toHaveLength(1);
  });

  it('a form older than a day is not sent: its input comes back as a new order, one press away', async () => {
    const command = world.discord.dispatchCommand({ name: 'order', user: { id: ALICE } });
    await command.waitForCallback();
    const dayOld = SnowflakeUtil.generate({ timestamp: Date.now() - 25 * 60 * 60 * 1000 }).toString();
    const stale = modalId(command).replace(`:${command.id}:`, `:${dayOld}:`);
    const submit = world.discord.submitModal(
      command,
      { ...VALID, username: 'LateLeuwong', order_type: ['gamepass'] },
      { forgedCustomId: stale },
    );
    const reply = body(await submit.waitForEdit(undefined, 20_000));
    expect(reply.content).toContain('more than a day old, so it was not sent');
    expect(createRequestsFor(world, dayOld)).toHaveLength(0);

    const edit = buttonId(reply, 'Edit and resubmit');
    expect(edit).toContain(`:${submit.id}:${ALICE}:1:`);
    const click = world.discord.dispatchComponent(submit, edit);
    const reopened = await click.waitForCallback();
    expect(JSON.stringify(reopened.data)).toContain('LateLeuwong');
    const resubmit = world.discord.submitModal(click, {
      ...VALID,
      username: 'LateLeuwong',
      order_type: ['gamepass'],
    });
    const placed = body(await resubmit.waitForEdit(undefined, 20_000));
    expect(placed.embeds?.[0]?.title).toMatch(/^Invoice /);
    expect(createRequestsFor(world, submit.id).map((r) => r.headers['idempotency-key'])).toEqual([
      `discord-${submit.id}-${ALICE}-1`,
    ]);
  });
});
