import type { Logger } from 'pino';
import { RefusalError, UpstreamError } from '../errors.js';
import { messagesFor } from '../messages/index.js';
import type { ReplyPayload } from '../messages/reply.js';
import type { Notifier } from './notify.js';
import { Passes } from './passes.js';
import { awaitsPayment, type PaymentChecks } from './payments.js';
import type { OrderRecord, OrderRecords } from './records.js';
import type { Watched, WatchList } from './watch-list.js';

export interface PaymentWatchOptions {
  list: WatchList;
  records: OrderRecords;
  checks: PaymentChecks;
  notifier: Notifier;
  /** What the user sees for a placed order (the order command's renderer). */
  render: (record: OrderRecord) => ReplyPayload;
  logger: Logger;
  /** How often the list is looked at for checks that are due. */
  intervalMs: number;
}

/**
 * Watches pending invoices until they are paid, expired or cancelled, or a day has passed, and
 * tells the user once when one is paid. Checks are background reads of the order's token; a
 * status the store cannot give now is asked again at the next check.
 */
export class PaymentWatch {
  private readonly passes: Passes;

  constructor(private readonly options: PaymentWatchOptions) {
    this.passes = new Passes(() => this.runOnce(), options.intervalMs, options.logger, 'payment watch');
  }

  start(): void {
    this.passes.start(false);
  }

  stop(): Promise<void> {
    return this.passes.stop();
  }

  /**
   * One pass: checks every invoice whose check is due, the longest overdue first. Once a token's
   * reads are spent, its other invoices wait for the next pass, untouched.
   */
  async runOnce(): Promise<void> {
    const { list } = this.options;
    const spent = new Set<string>();
    for (const due of await list.due()) {
      const watched = spent.has(due.token) ? undefined : await list.take(due.key);
      if (watched === undefined) continue;
      try {
        const log = this.options.logger.child({ key: watched.key, paymentWatch: true });
        if ((await this.check(watched, log)) === 'spent') spent.add(watched.token);
      } finally {
        await list.release(watched.key);
      }
    }
  }

  /** Checks one invoice; 'spent' when its token has no read left this minute. */
  private async check(watched: Watched, log: Logger): Promise<'checked' | 'spent'> {
    const { list, records, checks } = this.options;
    const record = await records.get(watched.key);
    if (!record?.invoice) {
      await list.remove(watched.key);
      return 'checked';
    }
    try {
      await checks.refresh(record, 'background');
    } catch (error) {
      // The token's reads are spent: still due, and first in line at the next pass.
      if (error instanceof RefusalError && error.refusal.kind === 'read_budget') return 'spent';
      // The store cannot tell now, or the member's token is unlinked or changed (it may come
      // back): asked again at the next check, further off each time.
      if (!(error instanceof UpstreamError) && !(error instanceof RefusalError)) throw error;
      log.info({ err: error }, 'payment status not read; checking again later');
      await list.next(watched);
      return 'checked';
    }
    const status = record.invoice.paymentStatus;
    if (status === 'paid') {
      if (record.paidShown === true || (await this.tellPaid(record, log))) await list.remove(watched.key);
      else await list.next(watched);
    } else if (awaitsPayment(status)) {
      await list.next(watched);
    } else {
      log.info({ status }, 'invoice no longer awaits payment; watch ends');
      await list.remove(watched.key);
    }
    return 'checked';
  }

  /** Tells the user their invoice is paid: in the original reply while it lives, else by DM. */
  private async tellPaid(record: OrderRecord, log: Logger): Promise<boolean> {
    const intro = messagesFor(record.locale).payment.paidDm(record.invoice?.code ?? '');
    const told = await this.options.notifier.tell(record, this.options.render(record), intro, log);
    if (told) {
      log.info('invoice paid; the user was told');
      await this.options.checks.paidShown(record);
    }
    return told;
  }
}
