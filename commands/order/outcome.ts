import type { Logger } from 'pino';
import type { Ctx } from '../../src/context.js';
import type { Messages } from '../../src/messages/index.js';
import { renderRejected, renderUnknown } from '../../src/messages/errors.js';
import { isTrustedInvoiceUrl, renderInvoice } from '../../src/messages/invoice.js';
import { textReply, type ReplyPayload } from '../../src/messages/reply.js';
import { awaitsPayment } from '../../src/orders/payments.js';
import type { OrderRecord } from '../../src/orders/records.js';
import type { Outcome } from '../../src/orders/service.js';
import { checkPaymentId, editOrderId, retryOrderId } from './ids.js';

export interface OutcomeContext {
  messages: Messages;
  /** LEUWONG_API_URL: invoice links are shown only on its scheme and host. */
  apiUrl: string;
  /** True when members can /link (an operator-token balance refusal then suggests it). */
  linking: boolean;
  /** Told about an invoice link that is not on the store's host (it is not shown). */
  log?: Logger | undefined;
}

/** An interaction's outcome context. */
export function outcomeContext(ctx: Ctx): OutcomeContext {
  return {
    messages: ctx.messages,
    apiUrl: ctx.config.leuwong.apiUrl,
    linking: ctx.accounts.linking,
    log: ctx.log,
  };
}

/** What the user sees for an outcome: the invoice, the store's refusal, or a Retry button. */
export function renderOutcome(outcome: Outcome, context: OutcomeContext): ReplyPayload {
  const { record } = outcome;
  const { messages } = context;
  switch (outcome.kind) {
    case 'placed':
      return record.invoice
        ? invoiceReply(record, record.invoice, context)
        : textReply(messages.errors.inProgress);
    case 'rejected': {
      const edit = {
        invocation: record.invocationId,
        user: record.userId,
        attempt: record.attempt + 1,
        payment: record.payment,
        type: record.body.order_type,
      };
      return renderRejected(
        record.error ?? UNEXPLAINED,
        messages,
        record.invocationId,
        editOrderId.encode(edit),
        {
          account: record.account,
          linking: context.linking,
        },
      );
    }
    case 'unknown': {
      const retry = { invocation: record.invocationId, attempt: record.attempt, user: record.userId };
      return renderUnknown(messages, retryOrderId.encode(retry), record.error);
    }
    case 'in_progress':
      return textReply(messages.errors.inProgress);
  }
}

function invoiceReply(
  record: OrderRecord,
  invoice: NonNullable<OrderRecord['invoice']>,
  context: OutcomeContext,
): ReplyPayload {
  const trusted = isTrustedInvoiceUrl(invoice.url, context.apiUrl);
  if (!trusted)
    context.log?.warn(
      { invoiceHost: hostOf(invoice.url) },
      'invoice URL is not on the store host; link not shown',
    );
  const check = { invocation: record.invocationId, user: record.userId, attempt: record.attempt };
  const view = {
    ...invoice,
    orderType: record.body.order_type,
    robloxUsername: invoice.robloxUsername ?? record.body.roblox_username,
    payment: record.payment,
    checkedAt: record.checkedAt,
    checkCustomId: awaitsPayment(invoice.paymentStatus) ? checkPaymentId.encode(check) : undefined,
  };
  return renderInvoice(view, context.messages, trusted);
}

/** A refusal recorded without its reason reads as the generic one. */
const UNEXPLAINED = {
  kind: 'other',
  status: undefined,
  code: undefined,
  fields: [],
  retryAfterSeconds: undefined,
} as const;

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'invalid';
  }
}
