import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { expect } from 'vitest';
import type { EditRecord, InteractionHandle } from '../emulators/discord/index.js';
import type { World } from './harness.js';

export interface Embed {
  title?: string;
  description?: string;
  fields?: { name: string; value: string }[];
  footer?: { text: string };
}
export interface Button {
  type: number;
  style: number;
  label?: string;
  url?: string;
  custom_id?: string;
}
export interface ReplyBody {
  content?: string;
  embeds?: Embed[];
  components?: { components: Button[] }[];
  flags?: number;
}

/** The English refusal of a form or button pressed by someone other than its order's user. */
export const NOT_YOURS =
  'This order belongs to someone else, so only they can use this form or button. Type /order to place your own.';

export const body = (edit: EditRecord): ReplyBody => edit.body as ReplyBody;
export const buttons = (reply: ReplyBody): Button[] =>
  (reply.components ?? []).flatMap((row) => row.components);
export const field = (reply: ReplyBody, name: string): string | undefined =>
  reply.embeds?.[0]?.fields?.find((f) => f.name === name)?.value;

export const VALID = {
  username: 'LeuwongUser',
  place: 'https://www.roblox.com/games/123456789/Some-Game?privateServerLinkCode=x',
  gamepass: 'https://www.roblox.com/game-pass/987654/Big-Pass',
};

export interface Flow {
  command: InteractionHandle;
  submit: InteractionHandle;
  reply: ReplyBody;
  edit: EditRecord;
}

/** A user runs a command, gets the modal within 3 s, submits it, gets a private defer within 3 s, then the reply. */
export async function placeOrder(
  world: World,
  options: {
    command?: 'order' | 'order-balance';
    locale?: string;
    userId?: string;
    guildId?: string | null;
    type?: 'gamepass' | 'vip_server';
    values?: Record<string, string | string[]>;
  } = {},
): Promise<Flow> {
  const command = world.discord.dispatchCommand({
    name: options.command ?? 'order',
    locale: options.locale ?? 'en-US',
    ...(options.userId ? { user: { id: options.userId } } : {}),
    ...(options.guildId !== undefined ? { guildId: options.guildId } : {}),
    ...(options.type
      ? { options: [{ type: ApplicationCommandOptionType.String, name: 'type', value: options.type }] }
      : {}),
  });
  const modal = await command.waitForCallback();
  expect(modal.type).toBe(9);
  expect(modal.at - command.dispatchedAt).toBeLessThan(3000);
  const select = options.type ? {} : { order_type: ['gamepass'] };
  const submit = world.discord.submitModal(command, { ...VALID, ...select, ...options.values });
  const ack = await submit.waitForCallback();
  expect(ack.type).toBe(5);
  expect((ack.data as { flags?: number }).flags).toBe(64);
  expect(ack.at - submit.dispatchedAt).toBeLessThan(3000);
  const edit = await submit.waitForEdit(undefined, 20_000);
  return { command, submit, reply: body(edit), edit };
}

export function ledgerFor(world: World, invocationId: string) {
  return world.store.ledger.filter((entry) => entry.idempotencyKey?.startsWith(`discord-${invocationId}-`));
}

export function createRequestsFor(world: World, invocationId: string) {
  return world.store.requests.filter(
    (request) =>
      request.route === 'create' &&
      request.headers['idempotency-key']?.startsWith(`discord-${invocationId}-`),
  );
}

export interface Answer {
  command: InteractionHandle;
  reply: ReplyBody;
}

/** A command whose first answer is a private defer, then the reply. */
export async function slash(
  world: World,
  name: 'unlink' | 'account' | 'orders',
  userId: string,
  options: { locale?: string; guildId?: string | null } = {},
): Promise<Answer> {
  const command = world.discord.dispatchCommand({
    name,
    user: { id: userId },
    locale: options.locale ?? 'en-US',
    ...(options.guildId !== undefined ? { guildId: options.guildId } : {}),
  });
  const ack = await command.waitForCallback();
  expect(ack.type).toBe(5);
  expect((ack.data as { flags?: number }).flags).toBe(64);
  expect(ack.at - command.dispatchedAt).toBeLessThan(3000);
  return { command, reply: body(await command.waitForEdit(undefined, 20_000)) };
}

export interface LinkFlow extends Answer {
  submit: InteractionHandle;
  modal: { title: string; custom_id: string; components: Record<string, unknown>[] };
}

/** `/link`: the modal within 3 s, the member pastes a token, a private defer within 3 s, then the answer. */
export async function link(
  world: World,
  userId: string,
  token: string,
  options: { locale?: string; guildId?: string | null } = {},
): Promise<LinkFlow> {
  const command = world.discord.dispatchCommand({
    name: 'link',
    user: { id: userId },
    locale: options.locale ?? 'en-US',
    ...(options.guildId !== undefined ? { guildId: options.guildId } : {}),
  });
  const shown = await command.waitForCallback();
  expect(shown.type).toBe(9);
  expect(shown.at - command.dispatchedAt).toBeLessThan(3000);
  const submit = world.discord.submitModal(command, { token });
  const ack = await submit.waitForCallback();
  expect(ack.type).toBe(5);
  expect((ack.data as { flags?: number }).flags).toBe(64);
  expect(ack.at - submit.dispatchedAt).toBeLessThan(3000);
  const reply = body(await submit.waitForEdit(undefined, 20_000));
  return { command, submit, reply, modal: shown.data as LinkFlow['modal'] };
}
