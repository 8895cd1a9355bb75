import type { APIEmbed } from 'discord-api-types/v10';
import type { OrderType } from '../leuwong/schema.js';
import { english } from './en.js';
import { plainText } from './plain.js';
import { truncate, type ReplyPayload } from './reply.js';

export type StaffLogKind = 'created' | 'paid' | 'refused' | 'unknown';

/** What the staff log shows of one order event (store text as the store sent it). */
export interface StaffLogView {
  kind: StaffLogKind;
  invoiceCode: string | undefined;
  orderType: OrderType;
  robloxUsername: string;
  amount: string | undefined;
  paymentMethod: string;
  account: 'operator' | 'member';
  userId: string;
  /** Why a refused or unknown order ended so (the store's code or the error's kind). */
  reason: string | undefined;
  /** The order's Idempotency-Key, to find it in the bot's log. */
  reference: string;
  at: number;
}

const TITLES: Record<StaffLogKind, string> = {
  created: 'Order created',
  paid: 'Invoice paid',
  refused: 'Order refused by the store',
  unknown: 'Order outcome unknown: recovery gave up',
};

const COLORS: Record<StaffLogKind, number> = {
  created: 0x3498db,
  paid: 0x2ecc71,
  refused: 0xe67e22,
  unknown: 0xe74c3c,
};

function field(name: string, value: string | undefined) {
  return { name, value: truncate(plainText(value ?? '') || '-', 1024), inline: true };
}

/**
 * One staff-log message for an order event: what staff need, the customer as a mention (the
 * message is posted with no allowed mentions, so it pings no one), and never the invoice link.
 * Staff-facing, so in English like the bot's log.
 */
export function renderStaffLog(view: StaffLogView): ReplyPayload {
  const failed = view.kind === 'refused' || view.kind === 'unknown';
  const embed: APIEmbed = {
    title: TITLES[view.kind],
    color: COLORS[view.kind],
    fields: [
      field('Invoice', view.invoiceCode),
      field('Order type', english.orderType[view.orderType]),
      field('Roblox username', view.robloxUsername),
      field('Amount', view.amount),
      field('Payment method', view.paymentMethod),
      field('Account', view.account === 'member' ? 'Member' : 'Shop'),
      { name: 'Customer', value: `<@${view.userId}>`, inline: true },
      ...(failed ? [field('Reason', view.reason), field('Reference', view.reference)] : []),
    ],
    timestamp: new Date(view.at).toISOString(),
  };
  return { embeds: [embed] };
}
