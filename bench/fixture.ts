/**
 * The bot's modules the benchmark uses, imported here and nowhere else in bench/: when they move,
 * this is the one file to re-point. (createDiscordClient and InteractionReplies, which keep their
 * paths, are imported where they are used.)
 */
import type {
  APIModalInteractionResponseCallbackData,
  RESTPutAPIApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import { commands } from '../commands/index.js';
import { checkPaymentId, orderFormId } from '../commands/order/ids.js';
import { FORM_FIELDS, buildOrderModal } from '../commands/order/modal.js';
import { ENV_VARIABLES } from '../src/config.js';
import { english } from '../src/messages/en.js';
import { renderInvoice } from '../src/messages/invoice.js';
import type { ReplyPayload } from '../src/messages/reply.js';
import { idempotencyKey } from '../src/orders/keys.js';

/** Every variable the bot reads. */
export const BOT_VARIABLES: readonly string[] = ENV_VARIABLES;

/** The Idempotency-Key the bot sends the store for the order `userId`'s `/order` interaction opened. */
export const orderKey = (commandId: string, userId: string): string => idempotencyKey(commandId, userId, 1);

/** Whether an edit is an invoice: its embed titled as the bot titles one. */
export function isInvoice(body: unknown): boolean {
  const title = (body as { embeds?: { title?: string }[] } | null)?.embeds?.[0]?.title;
  return title?.startsWith(english.invoice.title('')) === true;
}

/** The custom id of an invoice reply's Check payment button, as the bot's own codec reads it. */
export function checkPaymentButton(body: unknown): string | undefined {
  const rows = (body as { components?: { components?: { custom_id?: string }[] }[] } | null)?.components;
  const ids = (rows ?? []).flatMap((row) => (row.components ?? []).map((button) => button.custom_id ?? ''));
  return ids.find((id) => checkPaymentId.decode(id) !== undefined);
}

/** What every simulated user types in the modal: a valid gamepass order. */
export const ORDER_VALUES: Record<string, string | string[]> = {
  [FORM_FIELDS.username]: 'LeuwongUser',
  [FORM_FIELDS.place]: 'https://www.roblox.com/games/123456789/Some-Game',
  [FORM_FIELDS.gamepass]: '987654321',
  [FORM_FIELDS.orderType]: ['gamepass'],
};

/** What the floor answers with (bench/floor.ts), as JSON. */
export interface FloorFixture {
  commands: RESTPutAPIApplicationCommandsJSONBody;
  modal: APIModalInteractionResponseCallbackData;
  edit: ReplyPayload;
}

/** The registry's commands, the modal of `/order` without options, and a placed order's invoice. */
export function buildFloorFixture(): FloorFixture {
  const ids = {
    invocation: '1000000000000000000',
    user: '1000000000000000001',
    attempt: 1,
    payment: 'invoice',
    type: 'ask',
  } as const;
  const modal = {
    messages: english,
    customId: orderFormId.encode(ids),
    payment: 'invoice',
    orderType: undefined,
  } as const;
  const invoice = {
    code: 'SBX-INV202601010001',
    url: 'http://127.0.0.1/user/invoice/SBX-INV202601010001',
    formattedAmount: 'Rp 1.234.000',
    amount: '1234000',
    currency: 'IDR',
    paymentStatus: 'pending',
    paymentMethod: 'invoice',
    environment: 'sandbox',
    idempotent: false,
    orderType: 'gamepass',
    robloxUsername: 'LeuwongUser',
    payment: 'invoice',
    checkedAt: undefined,
    checkCustomId: checkPaymentId.encode(ids),
  } as const;
  return {
    commands: commands.map((command) => command.data),
    modal: buildOrderModal({ ...modal, draft: undefined }),
    edit: renderInvoice(invoice, english, true),
  };
}
