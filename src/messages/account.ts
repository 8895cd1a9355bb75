import type { Balance } from '../leuwong/schema.js';
import type { Messages } from './index.js';
import { plainText } from './plain.js';
import { lookup, relativeTimestamp, textReply, truncate, type ReplyPayload } from './reply.js';

/** What the bot shows of a member's link: never the token, at most its well-known prefix. */
export interface LinkView {
  environment: 'sandbox' | 'production' | undefined;
  accountStatus: string | undefined;
  prefix: string | undefined;
  /** Epoch ms; shown by /account. */
  linkedAt?: number;
  /** The balance as the store sent it; null when it could not be read; absent when not asked. */
  balance?: Balance | null;
}

/** The private answer to a successful `/link`. */
export function renderLinked(view: LinkView, messages: Messages): ReplyPayload {
  return textReply([messages.link.linked, ...linkLines(view, messages), messages.link.unlinkHint].join('\n'));
}

/** `/account` for a linked member. */
export function renderAccount(view: LinkView, messages: Messages): ReplyPayload {
  return textReply(
    [messages.link.accountLinked, ...linkLines(view, messages), messages.link.unlinkHint].join('\n'),
  );
}

function linkLines(view: LinkView, messages: Messages): string[] {
  const lines = [
    `• **${messages.link.environment}:** ${messages.link.envName[view.environment ?? 'unknown']}`,
    `• **${messages.link.accountStatus}:** ${statusText(view.accountStatus, messages)}`,
    `• **${messages.link.token}:** ${view.prefix === undefined ? '…' : `\`${view.prefix}…\``}`,
  ];
  if (view.linkedAt !== undefined && view.linkedAt > 0) {
    lines.push(`• **${messages.link.linkedSince}:** ${relativeTimestamp(Math.floor(view.linkedAt / 1000))}`);
  }
  if (view.balance !== undefined) {
    lines.push(`• **${messages.link.balance}:** ${balanceText(view.balance, messages)}`);
  }
  if (view.environment === 'sandbox') lines.push(messages.link.sandboxNote);
  return lines;
}

/** The balance as the store formatted it; else its number and currency, in the reader's language. */
function balanceText(balance: Balance | null, messages: Messages): string {
  const text =
    balance?.formatted ??
    (balance?.amount === undefined ? undefined : messages.invoice.money(balance.amount, balance.currency));
  return text === undefined ? messages.link.balanceUnavailable : truncate(plainText(text), 64) || '-';
}

/** The account status the store reported, in the user's words when known, else its safe characters. */
function statusText(status: string | undefined, messages: Messages): string {
  if (status === undefined) return '-';
  return (
    lookup(messages.link.status, status) ?? (truncate(plainText(status.replace(/[^\w -]/g, '')), 40) || '-')
  );
}
