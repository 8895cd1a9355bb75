import type { Logger } from 'pino';
import type { HistoryLine } from '../messages/history.js';
import { isSandboxInvoice } from '../messages/invoice.js';
import type { Kv } from '../store/kv.js';
import type { OrderEvent } from './events.js';

/** One order of one user: the line /orders shows, with the order's key and when it was placed. */
export interface HistoryEntry extends HistoryLine {
  key: string;
  createdAt: number;
}

const PREFIX = 'history:';
const userPrefix = (userId: string) => `${PREFIX}${userId}:`;
/** The creation time, zero-padded, keeps one user's keys in the order they were placed. */
const entryKey = (userId: string, createdAt: number, key: string) =>
  `${userPrefix(userId)}${String(createdAt).padStart(15, '0')}:${key}`;

/**
 * Each user's orders placed through the bot, kept in the record store for ORDER_HISTORY_DAYS: an
 * entry when an order is created, its status updated with every status the store gives (a press
 * of Check payment, the payment watch), so it outlives the order's record. Entries are keyed by the
 * order's own user, so a user's list holds only their orders.
 */
export class OrderHistory {
  constructor(
    private readonly kv: Kv,
    private readonly now: () => number,
    private readonly retentionMs: number,
    private readonly logger: Logger,
  ) {}

  /** Listens to the orders' events; a failure is logged, never the order's. */
  async hear(event: OrderEvent): Promise<void> {
    if (event.kind === 'refused' || event.kind === 'unknown') return;
    const { record } = event;
    const invoice = record.invoice;
    if (record.state !== 'placed' || invoice === undefined) return;
    const entry: HistoryEntry = {
      key: record.key,
      createdAt: record.createdAt,
      code: invoice.code,
      url: invoice.url,
      orderType: record.body.order_type,
      robloxUsername: invoice.robloxUsername ?? record.body.roblox_username,
      formattedAmount: invoice.formattedAmount,
      amount: invoice.amount,
      currency: invoice.currency,
      // A paid event means paid, whatever the record says.
      paymentStatus: event.kind === 'paid' ? 'paid' : invoice.paymentStatus,
      sandbox: isSandboxInvoice(invoice),
    };
    const ttlMs = record.createdAt + this.retentionMs - this.now();
    if (ttlMs <= 0) return;
    try {
      await this.kv.set(entryKey(record.userId, record.createdAt, record.key), entry, ttlMs);
    } catch (error) {
      this.logger.error({ err: error, key: record.key }, 'could not write the order history');
    }
  }

  /** The user's orders, newest first. */
  async list(userId: string): Promise<HistoryEntry[]> {
    const entries: HistoryEntry[] = [];
    for await (const [, entry] of this.kv.scan<HistoryEntry>(userPrefix(userId))) entries.push(entry);
    return entries.sort((a, b) => b.createdAt - a.createdAt || b.key.localeCompare(a.key));
  }
}
