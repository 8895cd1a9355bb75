import type { Kv, KvEntry } from '../store/kv.js';
import type { CreateOrderBody, Invoice, PaymentMethod } from '../leuwong/schema.js';
import type { UpstreamKind } from '../errors.js';

/** Records live for 24 hours: as long as the bot promises to find an answer. */
export const RECORD_TTL_MS = 24 * 60 * 60 * 1000;

export type OrderState = 'pending' | 'placed' | 'rejected' | 'unknown';

export interface RecordedError {
  kind: UpstreamKind;
  status: number | undefined;
  code: string | undefined;
  fields: readonly string[];
  retryAfterSeconds: number | undefined;
}

/**
 * One `/order` attempt, keyed by its Idempotency-Key and written before the store is called.
 * pending → placed | rejected | unknown; unknown → placed | rejected (retry button, recovery).
 */
export interface OrderRecord {
  key: string;
  state: OrderState;
  body: CreateOrderBody;
  payment: PaymentMethod;
  userId: string;
  locale: string;
  /** The `/order` interaction that opened the modal. */
  invocationId: string;
  attempt: number;
  /** The interaction whose reply shows the outcome, and its token while valid (15 minutes). */
  reply: { applicationId: string; interactionId: string; token: string; expiresAt: number } | undefined;
  createdAt: number;
  updatedAt: number;
  /** Until when the instance that set `pending` is trusted to finish the call. */
  leaseUntil: number;
  calls: number;
  invoice: (Invoice & { environment: 'sandbox' | 'production' | undefined; idempotent: boolean }) | undefined;
  error: RecordedError | undefined;
  /**
   * Whose token the order is placed with, fixed when the record is written so the retry button and
   * recovery re-send on the same account (the store's Idempotency-Key scope): the operator's
   * LEUWONG_API_TOKEN, or the member's own linked token. Absent in records written before personal
   * tokens existed: the operator's.
   */
  account?: 'operator' | 'member';
  /** For a member's order: the fingerprint of the token it was placed with (never the token). */
  tokenId?: string;
}

const recordKey = (key: string) => `order:${key}`;
const openKey = (key: string) => `open:${key}`;

/**
 * How long the open-index entry of an order whose user has seen the outcome may wait to be deleted
 * together with another write (see OrderRecords.close).
 */
export const CLOSE_WAIT_MS = 1000;

/** Where order records are kept; `open:` entries index the records recovery must look at. */
export class OrderRecords {
  /** Open-index entries of records whose user has seen the outcome, not deleted yet. */
  private readonly told = new Set<string>();
  private flushTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly kv: Kv,
    private readonly now: () => number,
    /** A deferred deletion failed (see flush); the entries stay queued for the next write. */
    private readonly onFlushError: (error: unknown) => void = () => undefined,
  ) {}

  private ttl(record: OrderRecord): number {
    return Math.max(1, record.createdAt + RECORD_TTL_MS - this.now());
  }

  get(key: string): Promise<OrderRecord | undefined> {
    return this.kv.get<OrderRecord>(recordKey(key));
  }

  /**
   * Writes a new pending record, and its entry in the open index, unless the record exists; true
   * when this caller owns the order now.
   */
  async claim(record: OrderRecord): Promise<boolean> {
    const { claim, companions } = this.claimOf(record);
    return (await this.kv.claimAll([claim], companions)) === -1;
  }

  /** What `claim` writes, to write it with other claims (see OrderBudget's acquireWith). */
  claimOf(record: OrderRecord): { claim: KvEntry; companions: KvEntry[] } {
    const ttlMs = this.ttl(record);
    return {
      claim: { key: recordKey(record.key), value: record, ttlMs },
      companions: [{ key: openKey(record.key), value: record.key, ttlMs }],
    };
  }

  async save(record: OrderRecord): Promise<void> {
    await this.kv.set(recordKey(record.key), record, this.ttl(record));
  }

  /** The record as an entry to write in a batch with other changes (see OrderBudget's release). */
  entry(record: OrderRecord): KvEntry {
    return { key: recordKey(record.key), value: record, ttlMs: this.ttl(record) };
  }

  /**
   * The user has seen the final outcome: recovery has nothing left to do for this record. Its
   * open-index entry is deleted with the next order's outcome (see takeTold), or on its own after
   * CLOSE_WAIT_MS or at shutdown (flush): one write fewer per order under load. Meanwhile this
   * instance's recovery skips it. After a crash, recovery tells the user once more what the reply
   * already shows (an edit with the same content while the interaction token is valid).
   */
  close(key: string): void {
    this.told.add(openKey(key));
    this.scheduleFlush();
  }

  /** The open-index entries `close` queued, to delete with another write; see untake. */
  takeTold(): string[] {
    const keys = [...this.told];
    this.told.clear();
    return keys;
  }

  /** The write that was to carry `takeTold`'s deletions failed: queue them again. */
  untake(keys: readonly string[]): void {
    for (const key of keys) this.told.add(key);
    this.scheduleFlush();
  }

  /**
   * Deletes the queued open-index entries now (the timer, and shutdown). A failure goes to
   * onFlushError, and the entries stay queued.
   */
  async flush(): Promise<void> {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    const keys = this.takeTold();
    if (keys.length === 0) return;
    try {
      await this.kv.batch([], keys);
    } catch (error) {
      this.untake(keys);
      this.onFlushError(error);
    }
  }

  private scheduleFlush(): void {
    if (this.flushTimer !== undefined || this.told.size === 0) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      void this.flush();
    }, CLOSE_WAIT_MS);
    this.flushTimer.unref();
  }

  async remove(key: string): Promise<void> {
    await this.kv.delete(recordKey(key));
    await this.kv.delete(openKey(key));
  }

  /** Takes a short exclusive lease on a record for one re-send (recovery or the retry button). */
  lease(key: string, ms: number): Promise<boolean> {
    return this.kv.claim(`lease:${key}`, this.now(), ms);
  }

  async release(key: string): Promise<void> {
    await this.kv.delete(`lease:${key}`);
  }

  /**
   * Keys of records that are not finished: unknown, pending, or final but not yet told to the user.
   * A record is in this index from its claim until `close`.
   */
  async openKeys(): Promise<string[]> {
    const keys: string[] = [];
    for await (const [entry, key] of this.kv.scan<string>('open:')) if (!this.told.has(entry)) keys.push(key);
    return keys;
  }
}
