import type { EditTarget } from '../discord/replies.js';
import type { RecordedError } from '../errors.js';
import type { CreateOrderBody, Invoice, PaymentMethod } from '../leuwong/schema.js';
import type { Kv } from '../store/kv.js';

/** Records live for 24 hours: as long as the bot promises to find an answer. */
export const RECORD_TTL_MS = 24 * 60 * 60 * 1000;

export type OrderState = 'pending' | 'placed' | 'rejected' | 'unknown';

/**
 * One attempt of one `/order`, keyed by its Idempotency-Key and written before the store is called.
 * pending → placed | rejected | unknown; unknown → placed | rejected (retry button, recovery).
 */
export interface OrderRecord {
  key: string;
  state: OrderState;
  body: CreateOrderBody;
  payment: PaymentMethod;
  userId: string;
  locale: string;
  /** The `/order` interaction that opened the form. */
  invocationId: string;
  attempt: number;
  /** The reply that shows the outcome, editable until `expiresAt` (interaction tokens live 15 minutes). */
  reply: (EditTarget & { expiresAt: number }) | undefined;
  createdAt: number;
  updatedAt: number;
  /** Until when the instance that wrote the pending record is trusted to finish its call. */
  leaseUntil: number;
  /** Requests sent to the store for this attempt. */
  calls: number;
  invoice: (Invoice & { environment: 'sandbox' | 'production' | undefined; idempotent: boolean }) | undefined;
  error: RecordedError | undefined;
  /**
   * Whose token the order is placed with, fixed when the record is written, so the retry button
   * and recovery re-send on the same account (the store scopes Idempotency-Keys by account).
   */
  account: 'operator' | 'member';
  /** For a member's order: the fingerprint of the token it was placed with (never the token). */
  tokenId?: string;
  /** When the invoice's payment status was last read from the store. */
  checkedAt?: number;
  /** The user has seen that the invoice is paid (Check payment, or the payment watch told them). */
  paidShown?: boolean;
}

const recordKey = (key: string) => `order:${key}`;
/** The open index: one entry per record recovery must look at, until its user has seen the outcome. */
const OPEN_PREFIX = 'open:';
const openKey = (key: string) => `${OPEN_PREFIX}${key}`;
const leaseKey = (key: string) => `lease:${key}`;

/** Where order records are kept, with the index of the open ones. */
export class OrderRecords {
  constructor(
    private readonly kv: Kv,
    private readonly now: () => number,
  ) {}

  private ttl(record: OrderRecord): number {
    return Math.max(1, record.createdAt + RECORD_TTL_MS - this.now());
  }

  get(key: string): Promise<OrderRecord | undefined> {
    return this.kv.get<OrderRecord>(recordKey(key));
  }

  /** Writes a new record and its open-index entry unless the record exists: true when this caller owns it. */
  create(record: OrderRecord): Promise<boolean> {
    const ttlMs = this.ttl(record);
    return this.kv.claimAll([
      { key: recordKey(record.key), value: record, ttlMs },
      { key: openKey(record.key), value: record.key, ttlMs },
    ]);
  }

  async save(record: OrderRecord): Promise<void> {
    await this.kv.set(recordKey(record.key), record, this.ttl(record));
  }

  /** Forgets an attempt that sent nothing. */
  async remove(key: string): Promise<void> {
    await this.kv.delete(recordKey(key));
    await this.kv.delete(openKey(key));
  }

  /** The user has seen the final outcome: recovery has nothing left to do for this record. */
  async close(key: string): Promise<void> {
    await this.kv.delete(openKey(key));
  }

  /** Keys of the records that are not closed: unknown, pending, or final but not yet seen. */
  async openKeys(): Promise<string[]> {
    const keys: string[] = [];
    for await (const [, key] of this.kv.scan<string>(OPEN_PREFIX)) keys.push(key);
    return keys;
  }

  /** Takes the exclusive right to re-send a record for `ms` (the retry button, recovery). */
  lease(key: string, ms: number): Promise<boolean> {
    return this.kv.claim(leaseKey(key), this.now(), ms);
  }

  async release(key: string): Promise<void> {
    await this.kv.delete(leaseKey(key));
  }
}
