import type { Clock } from '../clock.js';
import type { LeuwongClient } from '../leuwong/client.js';
import { budgetId, type ReadPriority, type TokenBudget } from '../limits/budget.js';
import type { Accounts } from '../tokens/accounts.js';
import type { OrderEvents } from './events.js';
import type { OrderRecord, OrderRecords } from './records.js';

/** A status read this recent is shown again instead of being read again. */
const CHECK_REUSE_MS = 10_000;

/** Payment statuses after which an invoice no longer changes: nothing left to check. */
const FINAL_STATUSES: ReadonlySet<string> = new Set(['paid', 'expired', 'cancelled', 'canceled', 'failed']);

/** True while an invoice can still change, so a Check payment button is worth showing. */
export function awaitsPayment(status: string | undefined): boolean {
  return status === undefined || !FINAL_STATUSES.has(status);
}

export interface PaymentChecksDeps {
  records: OrderRecords;
  api: LeuwongClient;
  accounts: Accounts;
  budget: TokenBudget;
  clock: Clock;
  /** Told when an invoice is first seen paid (the staff log). */
  events: OrderEvents;
}

/**
 * Check payment: reads a placed order's invoice status with the account that placed it, as one of
 * that token's reads (never its create-order budget), and keeps it in the order's record. Nothing
 * here creates or changes an order.
 */
export class PaymentChecks {
  constructor(private readonly deps: PaymentChecksDeps) {}

  /**
   * Brings `record.invoice.paymentStatus` up to date, unless it can no longer change or, for a
   * user's press, was read less than CHECK_REUSE_MS ago (the watch keeps its own schedule). Throws
   * an UpstreamError when the store cannot tell, a refusal when the token's reads are spent; the
   * record is then unchanged.
   */
  async refresh(record: OrderRecord, priority: ReadPriority = 'user'): Promise<void> {
    const { invoice } = record;
    if (!invoice || !awaitsPayment(invoice.paymentStatus)) return;
    const now = this.deps.clock.now();
    const recent = record.checkedAt !== undefined && now - record.checkedAt < CHECK_REUSE_MS;
    if (priority === 'user' && recent) return;
    const account = await this.deps.accounts.forRecord(record);
    await this.deps.budget.takeRead(budgetId(account.token), priority);
    const before = invoice.paymentStatus;
    invoice.paymentStatus = await this.deps.api.getInvoiceStatus(account.token, invoice.code);
    record.checkedAt = this.deps.clock.now();
    await this.deps.records.save(record);
    if (invoice.paymentStatus !== before) {
      this.deps.events.emit({ kind: invoice.paymentStatus === 'paid' ? 'paid' : 'status', record });
    }
  }

  /** Remembers that the user has seen the invoice paid, so the payment watch does not tell them again. */
  async paidShown(record: OrderRecord): Promise<void> {
    if (record.invoice?.paymentStatus !== 'paid' || record.paidShown === true) return;
    record.paidShown = true;
    await this.deps.records.save(record);
  }
}
