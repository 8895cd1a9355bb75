import type { Logger } from 'pino';
import { RefusalError } from '../errors.js';
import { messagesFor } from '../messages/index.js';
import type { ReplyPayload } from '../messages/reply.js';
import type { Clock } from '../clock.js';
import type { OrderEvents } from './events.js';
import type { Notifier } from './notify.js';
import { Passes } from './passes.js';
import { RECORD_TTL_MS, type OrderRecord, type OrderRecords } from './records.js';
import type { OrderService, Outcome } from './service.js';

export interface RecoveryOptions {
  orders: OrderService;
  records: OrderRecords;
  /** Tells the user: in the original reply while it can be edited, otherwise by DM. */
  notifier: Notifier;
  /** Told of an order recovery gives up on (the staff log). */
  events: OrderEvents;
  clock: Clock;
  /** What the user sees for a final outcome (the order command's renderer). */
  render: (outcome: Outcome) => ReplyPayload;
  logger: Logger;
  intervalMs: number;
}

/**
 * Finishes what a crash, a restart or a store outage left open: re-sends unknown and stale
 * pending orders with the same key and body until the store answers, for as long as the record
 * lives (24 hours), and tells the user the outcome: in the original reply while its token is
 * valid, otherwise by DM (and silently not at all when their DMs are closed).
 */
export class Recovery {
  private readonly passes: Passes;

  constructor(private readonly options: RecoveryOptions) {
    this.passes = new Passes(() => this.runOnce(), options.intervalMs, options.logger, 'recovery');
  }

  /** The first pass runs at once: a restart finishes what the last run left open. */
  start(): void {
    this.passes.start(true);
  }

  stop(): Promise<void> {
    return this.passes.stop();
  }

  /** One pass over the open records. */
  async runOnce(): Promise<void> {
    const { orders, records, logger } = this.options;
    for (const key of await records.openKeys()) {
      const record = await records.get(key);
      if (!record) continue;
      const log = logger.child({ key, recovery: true });
      if (record.state === 'placed' || record.state === 'rejected') {
        await this.tell({ kind: record.state, record }, log);
      } else if (orders.needsSending(record)) {
        if (this.lastChance(record)) await this.giveUp(record, log);
        else await this.resend(key, log);
      }
    }
  }

  /** True in the last pass before the record expires: after it nobody could tell the outcome. */
  private lastChance(record: OrderRecord): boolean {
    const expiresAt = record.createdAt + RECORD_TTL_MS;
    return expiresAt - this.options.clock.now() <= this.options.intervalMs;
  }

  /** Stops re-sending an order whose outcome is still unknown, and says so to the staff log. */
  private async giveUp(record: OrderRecord, log: Logger): Promise<void> {
    log.error({ state: record.state, calls: record.calls }, 'recovery gave up: the outcome stays unknown');
    this.options.events.emit({ kind: 'unknown', record });
    await this.options.records.close(record.key);
  }

  private async resend(key: string, log: Logger): Promise<void> {
    try {
      const outcome = await this.options.orders.resend(key, log);
      if (outcome?.kind === 'placed' || outcome?.kind === 'rejected') {
        log.info({ state: outcome.record.state }, 'recovered an open order');
        await this.tell(outcome, log);
      }
    } catch (error) {
      if (
        error instanceof RefusalError &&
        (error.refusal.kind === 'relink_required' || error.refusal.kind === 'token_changed')
      ) {
        // A member's order goes out only with the token it was placed with, and that token is gone.
        log.debug({ reason: error.refusal.kind }, 'recovery waits: the member token of this order is gone');
      } else {
        log.warn({ err: error }, 'recovery could not re-send the order yet');
      }
    }
  }

  /** Shows a final outcome in the original reply while it can be edited, otherwise by DM. */
  private async tell(outcome: Outcome, log: Logger): Promise<void> {
    const { record } = outcome;
    const intro = messagesFor(record.locale).recovery.dmIntro(record.invocationId);
    if (await this.options.notifier.tell(record, this.options.render(outcome), intro, log)) {
      await this.options.orders.markShown(outcome, log);
    }
  }
}
