import {
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIButtonComponent,
} from 'discord-api-types/v10';
import type { OrderType } from '../leuwong/schema.js';
import type { Messages } from './index.js';
import { amountText, isTrustedInvoiceUrl, LINK_BUTTON_URL_MAX, statusText } from './invoice.js';
import { plainText } from './plain.js';
import { textReply, truncate, type ReplyPayload } from './reply.js';

/** One order as /orders lists it (the history keeps these fields per order). */
export interface HistoryLine {
  code: string;
  url: string;
  orderType: OrderType;
  robloxUsername: string;
  formattedAmount: string | undefined;
  amount: string | undefined;
  currency: string | undefined;
  paymentStatus: string | undefined;
  sandbox: boolean;
}

/** Orders a page shows: one row of their link buttons, and a row for Previous / Next. */
const HISTORY_PAGE_SIZE = 5;

/** One page of a user's orders, newest first. */
export interface HistoryView {
  /** Every order of the user, newest first; the page shows its slice. */
  entries: readonly HistoryLine[];
  /** The 0-based page, already within range (see clampPage). */
  page: number;
  days: number;
  apiUrl: string;
  /** The custom_id of the button that shows another page. */
  pageId: (page: number) => string;
}

/** The number of pages of `total` orders (at least one). */
function pageCount(total: number): number {
  return Math.max(1, Math.ceil(total / HISTORY_PAGE_SIZE));
}

/** A page asked for, brought within range: beyond the end is the last page. */
export function clampPage(page: number, total: number): number {
  return Math.min(Math.max(0, page), pageCount(total) - 1);
}

/** The user's orders as an embed: code, type, Roblox username, amount and last known status; link buttons to the store only. */
export function renderHistory(view: HistoryView, messages: Messages): ReplyPayload {
  if (view.entries.length === 0) return textReply(messages.history.empty(view.days));
  const pages = pageCount(view.entries.length);
  const start = view.page * HISTORY_PAGE_SIZE;
  const shown = view.entries.slice(start, start + HISTORY_PAGE_SIZE);
  const fields = shown.map((entry, index) => ({
    name: truncate(`${start + index + 1}. ${plainText(entry.code)}`, 256),
    value: truncate(entryLine(entry, messages), 1024),
  }));
  const links: APIButtonComponent[] = shown
    .filter((entry) => isTrustedInvoiceUrl(entry.url, view.apiUrl) && entry.url.length <= LINK_BUTTON_URL_MAX)
    .map((entry) => ({
      type: ComponentType.Button,
      style: ButtonStyle.Link,
      label: truncate(messages.history.open(entry.code), 80),
      url: entry.url,
    }));
  const rows: APIActionRowComponent<APIButtonComponent>[] = [];
  if (links.length > 0) rows.push({ type: ComponentType.ActionRow, components: links });
  if (pages > 1) rows.push(pager(view, pages, messages));
  return {
    content: '',
    embeds: [
      {
        title: messages.history.title(view.page + 1, pages),
        description: messages.history.intro(view.days),
        fields,
      },
    ],
    components: rows,
  };
}

function entryLine(entry: HistoryLine, messages: Messages): string {
  const parts = [
    messages.orderType[entry.orderType],
    plainText(entry.robloxUsername),
    amountText(entry, messages),
    statusText(entry, messages),
    ...(entry.sandbox ? ['SANDBOX'] : []),
  ];
  return parts.join(' · ');
}

function pager(
  view: HistoryView,
  pages: number,
  messages: Messages,
): APIActionRowComponent<APIButtonComponent> {
  const button = (label: string, page: number, disabled: boolean): APIButtonComponent => ({
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    label,
    custom_id: view.pageId(page),
    disabled,
  });
  return {
    type: ComponentType.ActionRow,
    components: [
      button(messages.history.previous, Math.max(0, view.page - 1), view.page === 0),
      button(messages.history.next, Math.min(pages - 1, view.page + 1), view.page === pages - 1),
    ],
  };
}
