import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { EditTarget } from '../discord/replies.js';
import { RefusalError, UpstreamError } from '../errors.js';
import type { LeuwongClient } from '../leuwong/client.js';
import type { CreateOrderBody, PaymentMethod } from '../leuwong/schema.js';
import type { Kv } from '../store/kv.js';
import type { MemberAccounts, MemberToken } from '../tokens/accounts.js';
import type { OrderBudget, ReleaseSlot } from './limiter.js';
import { OrderRecords, type OrderRecord, type RecordedError } from './records.js';

/** The Idempotency-Key of one attempt of one `/order` invocation. */
export function idempotencyKey(invocationId: string, attempt: number): string {
  return `discord-${invocationId}-${attempt}`;
}

/** A short reference for the store: which Discord interaction, no personal data. */
export function clientReference(invocationId: string, attempt: number): string {
  return `dc-${invocationId}-${attempt}`;
}

export type Outcome =
  | { kind: 'placed'; record: OrderRecord }
  | { kind: 'rejected'; record: OrderRecord }
  | { kind: 'unknown'; record: OrderRecord }
  | { kind: 'in_progress'; record: OrderRecord };

export interface ReplyTarget extends EditTarget {
  interactionId: string;
}

export interface PlaceOrderInput {
  invocationId: string;
  attempt: number;
  payment: PaymentMethod;
  body: CreateOrderBody;
  userId: string;
  locale: string;
  reply: ReplyTarget;
  /** The interaction's logger, so the order's log lines carry its ID. */
  log?: Logger;
}

export interface OrderServiceOptions {
  kv: Kv;
  api: LeuwongClient;
  budget: OrderBudget;
  clock: Clock;
  logger: Logger;
  cooldownSeconds: number;
  /** The operator's token (LEUWONG_API_TOKEN): what an order is placed with unless it is on a member's account. */
  tokenFor: (userId: string) => Promise<string>;
  /** Members' own linked tokens (PERSONAL_TOKENS); absent: every order uses the operator's token. */
  members?: MemberAccounts;
  /** How long a pending record's owner is trusted to finish its call before recovery takes over. */
  leaseMs: number;
  /** How long an order may wait for the token's budget before its call starts. */
  budgetWaitMs: number;
}

/** An order's logger: `get()` makes the child with the order's key on first use. */
interface OrderLog {
  base: Logger;
  get: () => Logger;
}

/** Interaction tokens are valid for 15 minutes; keep a margin. */
const INTERACTION_TOKEN_MS = 14 * 60 * 1000;

/**
 * The order flow without Discord: one record per attempt, written before the store is called,
 * so a second submit, a replayed event, a retry or a second instance never makes a second call.
 */
export class OrderService {
  readonly records: OrderRecords;

  constructor(private readonly options: OrderServiceOptions) {
    this.records = new OrderRecords(
      options.kv,
      () => options.clock.now(),
      (error) => {
        options.logger.warn({ err: error }, 'could not close the records of orders already told');
      },
    );
  }

  private target(reply: ReplyTarget): OrderRecord['reply'] {
    return { ...reply, expiresAt: this.options.clock.now() + INTERACTION_TOKEN_MS };
  }

  async place(input: PlaceOrderInput): Promise<Outcome> {
    const key = idempotencyKey(input.invocationId, input.attempt);
    const existing = await this.records.get(key);
    if (existing) return this.describe(existing);

    // Whose account: decided once, before anything is claimed, and kept in the record.
    const member = await this.options.members?.forNewOrder(input.userId, input.payment);
    const { kv, clock, cooldownSeconds } = this.options;
    const cooldownKey = `cooldown:${input.userId}`;
    if (cooldownSeconds > 0) {
      const until = clock.now() + cooldownSeconds * 1000;
      if (!(await kv.claim(cooldownKey, until, cooldownSeconds * 1000))) {
        // Unless the cooldown belongs to this very order (a concurrent duplicate), refuse.
        const raced = await this.records.get(key);
        if (raced) return this.describe(raced);
        const held = (await kv.get<number>(cooldownKey)) ?? until;
        throw new RefusalError({
          kind: 'cooldown',
          retryAfterSeconds: Math.max(1, Math.ceil((held - clock.now()) / 1000)),
        });
      }
    }

    const now = clock.now();
    const record: OrderRecord = {
      key,
      state: 'pending',
      body: input.body,
      payment: input.payment,
      userId: input.userId,
      locale: input.locale,
      invocationId: input.invocationId,
      attempt: input.attempt,
      reply: this.target(input.reply),
      createdAt: now,
      updatedAt: now,
      leaseUntil: now + this.options.budgetWaitMs + this.options.leaseMs,
      calls: 0,
      invoice: undefined,
      error: undefined,
      account: member ? 'member' : 'operator',
      ...(member ? { tokenId: member.tokenId } : {}),
    };
    // Usually the record and the budget's two slots are one write; when a slot is not free at once
    // (or a 429 paused the store), the record is written first, then the order waits for a slot.
    const { claim, companions } = this.records.claimOf(record);
    const acquired = await this.options.budget.acquireWith([claim], companions);
    if (acquired === 'held' || (acquired === undefined && !(await this.records.claim(record)))) {
      const winner = await this.records.get(key);
      if (winner) return this.describe(winner);
      throw new RefusalError({ kind: 'in_progress' });
    }
    try {
      return await this.call(record, { firstCall: true, log: input.log, member, release: acquired });
    } catch (error) {
      if (error instanceof RefusalError && error.refusal.kind === 'budget' && record.calls === 0) {
        // Nothing was sent: forget the attempt and the cooldown, so trying again is a clean start.
        await this.records.remove(key);
        if (cooldownSeconds > 0) await kv.delete(cooldownKey);
      }
      throw error;
    }
  }

  /** The retry button: the same key and the same body, for the user who placed the order. */
  async retry(key: string, userId: string, reply: ReplyTarget, log?: Logger): Promise<Outcome> {
    const record = await this.records.get(key);
    if (!record) throw new RefusalError({ kind: 'in_progress' });
    if (record.userId !== userId) throw new RefusalError({ kind: 'not_yours' });
    if (
      record.state !== 'unknown' &&
      !(record.state === 'pending' && record.leaseUntil < this.options.clock.now())
    ) {
      return this.describe(record);
    }
    if (!(await this.records.lease(key, this.options.leaseMs))) return { kind: 'in_progress', record };
    try {
      const fresh = (await this.records.get(key)) ?? record;
      if (fresh.state !== 'unknown' && fresh.state !== 'pending') return this.describe(fresh);
      fresh.reply = this.target(reply);
      return await this.call(fresh, { firstCall: false, log });
    } finally {
      await this.records.release(key);
    }
  }

  /** Re-sends one unfinished record (recovery). Returns undefined when another instance has it. */
  async resend(key: string): Promise<Outcome | undefined> {
    if (!(await this.records.lease(key, this.options.leaseMs))) return undefined;
    try {
      const record = await this.records.get(key);
      if (!record) return undefined;
      if (record.state === 'pending' && record.leaseUntil > this.options.clock.now()) return undefined;
      if (record.state === 'placed' || record.state === 'rejected') return this.describe(record);
      return await this.call(record, { firstCall: false, log: undefined });
    } finally {
      await this.records.release(key);
    }
  }

  /** The user has seen this final outcome (in the reply, or by DM); see OrderRecords.close. */
  markNotified(record: OrderRecord): void {
    this.records.close(record.key);
  }

  /** Writes what is still queued (the records closed since the last write): at shutdown. Never throws. */
  async flush(): Promise<void> {
    await this.records.flush();
  }

  private describe(record: OrderRecord): Outcome {
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

  /**
   * The token of a record's account: the operator's, or the member's own token it was placed with.
   * A member's order is never re-sent with the operator's token (another account, another
   * Idempotency-Key scope): when the member's token is gone this throws, and the record is untouched.
   */
  private async credentials(
    record: OrderRecord,
  ): Promise<{ token: string; member: MemberToken | undefined }> {
    if (record.account === 'member') {
      const members = this.options.members;
      if (!members) throw new RefusalError({ kind: 'relink_required' });
      const member = await members.forRecord(record.userId, record.tokenId);
      return { token: member.token, member };
    }
    return { token: await this.options.tokenFor(record.userId), member: undefined };
  }

  private async call(
    record: OrderRecord,
    {
      firstCall,
      log: parent,
      member: chosen,
      release: held,
    }: {
      firstCall: boolean;
      log: Logger | undefined;
      member?: MemberToken | undefined;
      /** The budget's slots, when they were claimed with the record. */
      release?: ReleaseSlot | undefined;
    },
  ): Promise<Outcome> {
    const { budget, clock, logger } = this.options;
    // Made on first use, like the interaction's logger (src/router.ts): a pino child costs about
    // 8 µs and 11 KB of garbage, and below LOG_LEVEL=info a placed order logs nothing.
    const base = parent ?? logger;
    let child: Logger | undefined;
    const log: OrderLog = { base, get: () => (child ??= base.child({ key: record.key })) };
    let credentials: { token: string; member: MemberToken | undefined };
    try {
      credentials = chosen ? { token: chosen.token, member: chosen } : await this.credentials(record);
    } catch (error) {
      await held?.();
      throw error;
    }
    const { token, member } = credentials;
    record.state = 'pending';
    record.leaseUntil = clock.now() + this.options.budgetWaitMs + this.options.leaseMs;
    if (!firstCall) await this.records.save(record);

    let release: ReleaseSlot;
    try {
      release = held ?? (await budget.acquire());
    } catch (error) {
      if (!firstCall) {
        record.state = 'unknown';
        await this.records.save(record);
      }
      throw error;
    }
    try {
      await this.send(record, { token, member, log });
    } catch (error) {
      await release();
      throw error;
    }
    record.updatedAt = clock.now();
    // The outcome, the slot it frees, and the open-index entries of the orders told since the last
    // such write, in one write.
    const told = this.records.takeTold();
    try {
      await release([this.records.entry(record)], told);
    } catch (error) {
      this.records.untake(told);
      throw error;
    }
    return this.describe(record);
  }

  /**
   * The store call, holding a budget slot: sets the record's state (placed, rejected or unknown)
   * from its answer. Throws when nothing was sent, or when a record could not be written.
   */
  private async send(
    record: OrderRecord,
    { token, member, log }: { token: string; member: MemberToken | undefined; log: OrderLog },
  ): Promise<void> {
    const { api, budget, clock } = this.options;
    try {
      // The call starts now: the owner must be trusted for one call's deadline from here. The
      // stored lease already covers the wait for the budget; the record is written again only if
      // the wait ran past it. (Not shortening it saves a write per order; after a crash, recovery
      // takes over at most budgetWaitMs later.)
      const leaseUntil = clock.now() + this.options.leaseMs;
      if (leaseUntil > record.leaseUntil) {
        record.leaseUntil = leaseUntil;
        await this.records.save(record);
      }
      const result = await api.createOrder({
        token,
        idempotencyKey: record.key,
        discordUserId: record.userId,
        body: record.body,
        beforeAttempt: async (attempt) => {
          record.calls++;
          if (attempt > 1) await budget.acquireRetry();
        },
        onRateLimited: (seconds) => {
          // The store limits each token on its own: a member's 429 does not pause the operator's orders.
          if (member) return;
          budget.pause(seconds).catch((error: unknown) => {
            log.get().warn({ err: error }, 'could not record the store rate-limit pause');
          });
        },
      });
      record.state = 'placed';
      record.invoice = { ...result.invoice, environment: result.environment, idempotent: result.idempotent };
      record.error = undefined;
      if (log.base.isLevelEnabled('info'))
        log.get().info(
          {
            invoice: result.invoice.code,
            idempotent: result.idempotent,
            calls: record.calls,
            account: record.account ?? 'operator',
          },
          'order placed',
        );
    } catch (error) {
      if (error instanceof UpstreamError) {
        record.state = error.definite ? 'rejected' : 'unknown';
        record.error = recorded(error);
        // A refused operator token is the operator's problem; a refused member token is the member's.
        const level =
          !member && (error.kind === 'unauthorized' || error.kind === 'forbidden') ? 'error' : 'warn';
        log.get()[level](
          {
            kind: error.kind,
            status: error.status,
            code: error.code,
            upstreamMessage: error.upstreamMessage,
            calls: record.calls,
            account: record.account ?? 'operator',
          },
          error.definite ? 'order rejected by the store' : 'order outcome unknown after retries',
        );
        if (member && error.kind === 'unauthorized' && this.options.members) {
          await this.options.members.refused(record.userId, member.tokenId, log.get());
        }
      } else if (record.calls === 0) {
        throw error;
      } else {
        record.state = 'unknown';
        record.error = {
          kind: 'unavailable',
          status: undefined,
          code: undefined,
          fields: [],
          retryAfterSeconds: undefined,
        };
        log.get().error({ err: error }, 'order call interrupted; outcome unknown');
      }
    }
  }
}

function recorded(error: UpstreamError): RecordedError {
  return {
    kind: error.kind,
    status: error.status,
    code: error.code,
    fields: error.fields,
    retryAfterSeconds: error.retryAfterSeconds,
  };
}
