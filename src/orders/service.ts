import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { EditTarget } from '../discord/replies.js';
import { RefusalError, UpstreamError, type RecordedError } from '../errors.js';
import type { LeuwongClient } from '../leuwong/client.js';
import type { Metrics } from '../metrics.js';
import type { CreateOrderBody, OrderResult, PaymentMethod } from '../leuwong/schema.js';
import type { Accounts, OrderAccount } from '../tokens/accounts.js';
import { budgetId, capPause, type ReleaseSlot, type TokenBudget } from '../limits/budget.js';
import type { Cooldown } from '../limits/cooldown.js';
import { idempotencyKey } from './keys.js';
import { RECORD_TTL_MS, type OrderRecord, type OrderRecords } from './records.js';
import type { UserShare } from '../limits/share.js';
import type { OrderEvents } from './events.js';
import { awaitsPayment } from './payments.js';
import type { WatchList } from './watch-list.js';

export type Outcome =
  | { kind: 'placed'; record: OrderRecord }
  | { kind: 'rejected'; record: OrderRecord }
  | { kind: 'unknown'; record: OrderRecord }
  | { kind: 'in_progress'; record: OrderRecord };

/** A valid order from a submitted form. */
export interface NewOrder {
  invocationId: string;
  attempt: number;
  payment: PaymentMethod;
  body: CreateOrderBody;
  userId: string;
  locale: string;
  /** The submit's own reply, which shows the outcome. */
  reply: EditTarget;
  /** When the `/order` interaction that opened the form was created (ms). */
  openedAt: number;
}

export interface OrderServiceDeps {
  records: OrderRecords;
  api: LeuwongClient;
  budget: TokenBudget;
  cooldown: Cooldown;
  /** One user's share of the shop token's orders (members' own tokens are theirs alone). */
  share: UserShare;
  /** Where a placed order's pending invoice is watched for its payment (PAYMENT_WATCH). */
  watchList: WatchList | undefined;
  /** Told of each order created or refused by the store (the staff log). */
  events: OrderEvents;
  accounts: Accounts;
  clock: Clock;
  /**
   * How long the instance that sends an order is trusted to finish (the wait for the budget and
   * the whole call) before recovery takes over.
   */
  leaseMs: number;
  /** Counts each send's outcome by account. */
  metrics?: Pick<Metrics, 'orders'>;
}

/** Interaction tokens are valid for 15 minutes; keep a margin. */
const INTERACTION_TOKEN_MS = 14 * 60 * 1000;
/**
 * A form is sent only while the record of any earlier send of it would still live (with an hour's
 * margin): an older form without a record may have been sent with another body under its key.
 */
const FORM_LIFETIME_MS = RECORD_TTL_MS - 60 * 60 * 1000;

/**
 * The order flow without Discord: it decides the account once, writes one record per attempt
 * before the store is called (so a second submit, a replayed event, a retry or a second instance
 * never makes a second call), calls the store within the token's budget, and records the outcome.
 */
export class OrderService {
  constructor(private readonly deps: OrderServiceDeps) {}

  /** The record of one attempt, if it lives. */
  record(key: string): Promise<OrderRecord | undefined> {
    return this.deps.records.get(key);
  }

  async place(order: NewOrder, log: Logger): Promise<Outcome> {
    const { records, cooldown } = this.deps;
    const key = idempotencyKey(order.invocationId, order.userId, order.attempt);
    const existing = await records.get(key);
    if (existing) return this.ownOutcome(existing, order.userId);
    if (order.openedAt < this.deps.clock.now() - FORM_LIFETIME_MS) {
      throw new RefusalError({ kind: 'form_stale' });
    }

    const account = await this.deps.accounts.forNewOrder(order.userId, order.payment);
    const secondsLeft = await cooldown.start(order.userId);
    if (secondsLeft !== undefined) {
      // A concurrent duplicate of this very order started the cooldown: show that order instead.
      const raced = await records.get(key);
      if (raced) return this.ownOutcome(raced, order.userId);
      throw new RefusalError({ kind: 'cooldown', retryAfterSeconds: secondsLeft });
    }
    const share = await this.takeShare(order.userId, account);

    const record = this.newRecord(key, order, account);
    if (!(await records.create(record))) {
      await share?.giveBack();
      const winner = await records.get(key);
      if (winner) return this.ownOutcome(winner, order.userId);
      throw new RefusalError({ kind: 'in_progress' });
    }
    let release: ReleaseSlot;
    try {
      release = await this.deps.budget.acquire(budgetId(account.token));
    } catch (error) {
      // Nothing was sent: forget the attempt and give the user's limits back, so trying again starts clean.
      await records.remove(key);
      await cooldown.end(order.userId);
      await share?.giveBack();
      throw error;
    }
    return this.send(record, account, release, log);
  }

  /**
   * A slot of the user's share of the shop token's orders, with how to give it back; none on a
   * member's own token. A refusal gives the cooldown back: this order sent nothing.
   */
  private async takeShare(
    userId: string,
    account: OrderAccount,
  ): Promise<{ giveBack(): Promise<void> } | undefined> {
    if (account.kind !== 'operator') return undefined;
    const { share, cooldown } = this.deps;
    try {
      const key = await share.take(userId);
      return { giveBack: () => share.giveBack(key) };
    } catch (error) {
      await cooldown.end(userId);
      throw error;
    }
  }

  /** The Retry button: the same key and the same body, for the user who placed the order. */
  async retry(key: string, userId: string, reply: EditTarget, log: Logger): Promise<Outcome> {
    const record = await this.deps.records.get(key);
    if (!record) throw new RefusalError({ kind: 'in_progress' });
    if (record.userId !== userId) throw new RefusalError({ kind: 'not_yours' });
    if (!this.needsSending(record)) return outcomeOf(record);
    const outcome = await this.resend(key, log, (fresh) => {
      fresh.reply = this.replyTarget(reply);
    });
    return outcome ?? { kind: 'in_progress', record };
  }

  /**
   * Sends an unfinished record again, under a lease so that one instance at a time does; `update`
   * changes it first. Undefined when another instance holds the lease or the record is gone.
   */
  async resend(
    key: string,
    log: Logger,
    update?: (record: OrderRecord) => void,
  ): Promise<Outcome | undefined> {
    const { records, leaseMs } = this.deps;
    if (!(await records.lease(key, leaseMs))) return undefined;
    try {
      const record = await records.get(key);
      if (!record) return undefined;
      if (!this.needsSending(record)) return outcomeOf(record);
      update?.(record);
      const account = await this.deps.accounts.forRecord(record);
      const release = await this.deps.budget.acquire(budgetId(account.token));
      return await this.send(record, account, release, log);
    } finally {
      await records.release(key);
    }
  }

  /** The outcome of a record, for its owner only. */
  private ownOutcome(record: OrderRecord, userId: string): Outcome {
    if (record.userId !== userId) throw new RefusalError({ kind: 'not_yours' });
    return outcomeOf(record);
  }

  /** The user has seen this final outcome (in the reply, or by DM): recovery leaves it alone. */
  async markShown(outcome: Outcome, log: Logger): Promise<void> {
    if (outcome.kind !== 'placed' && outcome.kind !== 'rejected') return;
    try {
      await this.deps.records.close(outcome.record.key);
    } catch (error) {
      // Recovery then shows it once more (the same content), which is harmless.
      log.warn({ err: error }, 'could not close the record of an order the user has seen');
    }
  }

  /** True for an unknown outcome, and for a pending record whose owner stopped before finishing. */
  needsSending(record: OrderRecord): boolean {
    return (
      record.state === 'unknown' || (record.state === 'pending' && record.leaseUntil < this.deps.clock.now())
    );
  }

  private newRecord(key: string, order: NewOrder, account: OrderAccount): OrderRecord {
    const now = this.deps.clock.now();
    return {
      key,
      state: 'pending',
      body: order.body,
      payment: order.payment,
      userId: order.userId,
      locale: order.locale,
      invocationId: order.invocationId,
      attempt: order.attempt,
      reply: this.replyTarget(order.reply),
      createdAt: now,
      updatedAt: now,
      leaseUntil: now + this.deps.leaseMs,
      calls: 0,
      invoice: undefined,
      error: undefined,
      account: account.kind,
      ...(account.kind === 'member' ? { tokenId: account.tokenId } : {}),
    };
  }

  private replyTarget(reply: EditTarget): OrderRecord['reply'] {
    return {
      applicationId: reply.applicationId,
      token: reply.token,
      expiresAt: this.deps.clock.now() + INTERACTION_TOKEN_MS,
    };
  }

  /**
   * The store call, holding an in-flight slot: sets the record's outcome from the answer and
   * saves it. Throws only when nothing was sent, or when the record could not be written.
   */
  private async send(
    record: OrderRecord,
    account: OrderAccount,
    release: ReleaseSlot,
    parent: Logger,
  ): Promise<Outcome> {
    const log = parent.child({ key: record.key, account: account.kind });
    try {
      const result = await this.callStore(record, account, log);
      setPlaced(record, result);
      log.info(
        { invoice: result.invoice.code, idempotent: result.idempotent, calls: record.calls },
        'order placed',
      );
      await this.watch(record, log);
      this.deps.events.emit({ kind: 'created', record });
    } catch (error) {
      if (error instanceof UpstreamError) await this.setFailed(record, account, error, log);
      else if (record.calls === 0) throw error;
      else {
        record.state = 'unknown';
        record.error = { ...NO_ANSWER };
        log.error({ err: error }, 'order call interrupted; outcome unknown');
      }
    } finally {
      await release();
    }
    this.deps.metrics?.orders.inc({ outcome: record.state, account: account.kind });
    record.updatedAt = this.deps.clock.now();
    await this.deps.records.save(record);
    return outcomeOf(record);
  }

  /** Create-order with the record's key and body; each retry takes a rate slot, and a 429 pauses the token. */
  private callStore(record: OrderRecord, account: OrderAccount, log: Logger): Promise<OrderResult> {
    const { api, budget } = this.deps;
    const tokenId = budgetId(account.token);
    return api.createOrder({
      token: account.token,
      idempotencyKey: record.key,
      discordUserId: record.userId,
      body: record.body,
      beforeAttempt: async (attempt) => {
        record.calls++;
        if (attempt > 1) await budget.acquireRetry(tokenId);
      },
      onRateLimited: (seconds) => {
        if (capPause(seconds) < seconds) {
          log.warn(
            { retryAfterSeconds: seconds, pauseSeconds: capPause(seconds) },
            'store asked for a long pause; capped',
          );
        }
        // The store limits each token on its own: only this token's orders wait.
        budget.pause(tokenId, seconds).catch((error: unknown) => {
          log.warn({ err: error }, 'could not record the store rate-limit pause');
        });
      },
    });
  }

  /** Starts watching a placed order's pending invoice; a failure only loses the paid notice. */
  private async watch(record: OrderRecord, log: Logger): Promise<void> {
    if (!this.deps.watchList || !awaitsPayment(record.invoice?.paymentStatus)) return;
    await this.deps.watchList.add(record).catch((error: unknown) => {
      log.warn({ err: error }, 'could not start watching the invoice for its payment');
    });
  }

  private async setFailed(
    record: OrderRecord,
    account: OrderAccount,
    error: UpstreamError,
    log: Logger,
  ): Promise<void> {
    record.state = error.definite ? 'rejected' : 'unknown';
    record.error = {
      kind: error.kind,
      status: error.status,
      code: error.code,
      fields: error.fields,
      retryAfterSeconds:
        error.retryAfterSeconds === undefined ? undefined : capPause(error.retryAfterSeconds),
    };
    // A refused operator token is the operator's problem; a refused member token is the member's.
    const refusedToken = error.kind === 'unauthorized' || error.kind === 'forbidden';
    log[account.kind === 'operator' && refusedToken ? 'error' : 'warn'](
      {
        kind: error.kind,
        status: error.status,
        code: error.code,
        upstreamMessage: error.upstreamMessage,
        calls: record.calls,
      },
      error.definite ? 'order rejected by the store' : 'order outcome unknown after retries',
    );
    if (account.kind === 'member' && error.kind === 'unauthorized') {
      await this.deps.accounts.refused(record.userId, account.tokenId, log);
    }
    if (error.definite) this.deps.events.emit({ kind: 'refused', record });
  }
}

const NO_ANSWER: RecordedError = {
  kind: 'unavailable',
  status: undefined,
  code: undefined,
  fields: [],
  retryAfterSeconds: undefined,
};

function setPlaced(record: OrderRecord, result: OrderResult): void {
  record.state = 'placed';
  record.invoice = { ...result.invoice, environment: result.environment, idempotent: result.idempotent };
  record.error = undefined;
}

export function outcomeOf(record: OrderRecord): Outcome {
  switch (record.state) {
    case 'placed':
      return { kind: 'placed', record };
    case 'rejected':
      return { kind: 'rejected', record };
    case 'unknown':
      return { kind: 'unknown', record };
    case 'pending':
      return { kind: 'in_progress', record };
  }
}
