import { ButtonStyle, ComponentType, type APIEmbed } from 'discord-api-types/v10';
import type { Invoice, OrderType, PaymentMethod } from '../leuwong/schema.js';
import type { Messages } from './index.js';
import { plainText } from './plain.js';
import { lookup, relativeTimestamp, truncate, type ReplyPayload } from './reply.js';

const COLOR = { ok: 0x2ecc71, sandbox: 0xf1c40f } as const;

/** Discord refuses a whole message whose link button has a longer URL. */
export const LINK_BUTTON_URL_MAX = 512;

/** The store's invoice, with what the bot knows of the order itself. */
export interface InvoiceView extends Omit<Invoice, 'orderType' | 'robloxUsername'> {
  environment: 'sandbox' | 'production' | undefined;
  idempotent: boolean;
  orderType: OrderType;
  robloxUsername: string;
  payment: PaymentMethod;
  /** When the payment status was last read from the store (ms). */
  checkedAt: number | undefined;
  /** The Check payment button's custom_id, while the invoice can still change. */
  checkCustomId: string | undefined;
}

/** The invoice link is shown only when it points at the store itself (same scheme and host as the API). */
export function isTrustedInvoiceUrl(url: string, apiUrl: string): boolean {
  try {
    const invoice = new URL(url);
    const api = new URL(apiUrl);
    return invoice.protocol === api.protocol && invoice.host === api.host;
  } catch {
    return false;
  }
}

/**
 * An embed field's value: Discord refuses the whole message when a field value is empty or only
 * whitespace (it trims), or longer than 1,024 characters. Text from the store reaches it through
 * plainText, so it shows as sent, never as markdown, a link or a mention.
 */
function fieldValue(text: string): string {
  const trimmed = text.trim();
  return trimmed === '' ? '-' : truncate(trimmed, 1024);
}

/** A test invoice: the store says sandbox, or its code has the sandbox prefix. */
export function isSandboxInvoice(invoice: { environment: string | undefined; code: string }): boolean {
  return invoice.environment === 'sandbox' || invoice.code.startsWith('SBX-');
}

/** The invoice embed, and an "Open invoice" button when its link is trusted and fits. */
export function renderInvoice(view: InvoiceView, messages: Messages, trustedUrl: boolean): ReplyPayload {
  const link = trustedUrl && view.url.length <= LINK_BUTTON_URL_MAX;
  const buttons = invoiceButtons(view, messages, link);
  return {
    content: '',
    embeds: [invoiceEmbed(view, messages, link)],
    components: buttons.length > 0 ? [{ type: ComponentType.ActionRow, components: buttons }] : [],
  };
}

/** What was done, the invoice's facts as fields, and the sandbox mark for a test order. */
function invoiceEmbed(view: InvoiceView, messages: Messages, link: boolean): APIEmbed {
  const sandbox = isSandboxInvoice(view);
  const lines = [
    view.idempotent
      ? messages.invoice.existing
      : view.payment === 'balance'
        ? messages.invoice.createdBalance
        : messages.invoice.created,
    ...(link ? [] : [messages.invoice.noLink]),
    ...(view.checkedAt === undefined
      ? []
      : [messages.invoice.checkedAt(relativeTimestamp(Math.floor(view.checkedAt / 1000)))]),
  ];
  return {
    title: truncate(messages.invoice.title(plainText(view.code)), 256),
    description: lines.join('\n'),
    color: sandbox ? COLOR.sandbox : COLOR.ok,
    fields: [
      { name: messages.invoice.amount, value: fieldValue(amountText(view, messages)), inline: true },
      { name: messages.invoice.paymentStatus, value: fieldValue(statusText(view, messages)), inline: true },
      { name: messages.invoice.paymentMethod, value: fieldValue(methodText(view, messages)), inline: true },
      { name: messages.invoice.orderType, value: messages.orderType[view.orderType], inline: true },
      { name: messages.invoice.username, value: fieldValue(plainText(view.robloxUsername)), inline: true },
    ],
    ...(sandbox ? { footer: { text: `⚠️ ${messages.invoice.sandbox}` } } : {}),
  };
}

/** Open invoice (when the link may be shown) and, while the invoice can change, Check payment. */
function invoiceButtons(view: InvoiceView, messages: Messages, link: boolean) {
  const open = {
    type: ComponentType.Button,
    style: ButtonStyle.Link,
    label: messages.invoice.payButton,
    url: view.url,
  } as const;
  const check =
    view.checkCustomId !== undefined &&
    ({
      type: ComponentType.Button,
      style: ButtonStyle.Secondary,
      label: messages.invoice.checkButton,
      custom_id: view.checkCustomId,
    } as const);
  return [...(link ? [open] : []), ...(check ? [check] : [])];
}

/** The amount as the store formatted it; else its number and currency, in the reader's language; else a dash. */
export function amountText(
  view: Pick<InvoiceView, 'formattedAmount' | 'amount' | 'currency'>,
  messages: Messages,
): string {
  if (view.formattedAmount !== undefined) return plainText(view.formattedAmount);
  return view.amount === undefined ? '-' : plainText(messages.invoice.money(view.amount, view.currency));
}

/** The payment status in the reader's language; an unknown one as the store wrote it; else a dash. */
export function statusText(view: Pick<InvoiceView, 'paymentStatus'>, messages: Messages): string {
  if (view.paymentStatus === undefined) return '-';
  return lookup(messages.invoice.status, view.paymentStatus) ?? plainText(view.paymentStatus);
}

/** The store's payment method; without one, a balance order says balance and an invoice order "choose on the page". */
function methodText(view: InvoiceView, messages: Messages): string {
  const method = view.paymentMethod ?? (view.payment === 'balance' ? 'balance' : 'none');
  return lookup(messages.invoice.method, method === '' ? 'none' : method) ?? plainText(method);
}
