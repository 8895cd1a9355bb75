import type { Messages } from './index.js';
import { lookup, textReply, truncate, type ReplyPayload } from './reply.js';

/** What the bot shows of a member's link: never the token, at most its well-known prefix. */
export interface LinkView {
  environment: 'sandbox' | 'production' | undefined;
  accountStatus: string | undefined;
  prefix: string | undefined;
  /** Epoch ms; shown by /account. */
  linkedAt?: number;
  /** The formatted balance; null when it could not be read; absent when not asked. */
  balance?: string | null;
}

/** The private answer to a successful `/link`. */
export function renderLinked(view: LinkView, m: Messages): ReplyPayload {
  return textReply([m.link.linked, ...linkLines(view, m), m.link.unlinkHint].join('\n'));
}

/** `/account` for a linked member. */
export function renderAccount(view: LinkView, m: Messages): ReplyPayload {
  return textReply([m.link.accountLinked, ...linkLines(view, m), m.link.unlinkHint].join('\n'));
}

function linkLines(view: LinkView, m: Messages): string[] {
  const lines = [
    `• **${m.link.environment}:** ${m.link.envName[view.environment ?? 'unknown']}`,
    `• **${m.link.accountStatus}:** ${statusText(view.accountStatus, m)}`,
    `• **${m.link.token}:** ${view.prefix === undefined ? '…' : `\`${view.prefix}…\``}`,
  ];
  if (view.linkedAt !== undefined && view.linkedAt > 0) {
    lines.push(`• **${m.link.linkedSince}:** <t:${Math.floor(view.linkedAt / 1000)}:R>`);
  }
  if (view.balance !== undefined) {
    const balance = view.balance === null ? m.link.balanceUnavailable : truncate(view.balance, 64);
    lines.push(`• **${m.link.balance}:** ${balance}`);
  }
  if (view.environment === 'sandbox') lines.push(m.link.sandboxNote);
  return lines;
}

/** The account status the store reported, in the user's words when known, else its safe characters. */
function statusText(status: string | undefined, m: Messages): string {
  if (status === undefined) return '-';
  return lookup(m.link.status, status) ?? (truncate(status.replace(/[^\w -]/g, ''), 40) || '-');
}
