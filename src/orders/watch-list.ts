import type { Clock } from '../clock.js';
import type { Kv } from '../store/kv.js';
import { RECORD_TTL_MS, type OrderRecord } from './records.js';

/** One pending invoice being watched: its order's key, when to check next, and for how long. */
export interface Watched {
  key: string;
  /** Whose token reads its status: `operator`, or `member:<token fingerprint>`. */
  token: string;
  /** When the next check is due (ms). */
  due: number;
  /** The wait before `due`; each check doubles it, up to MAX_INTERVAL_MS. */
  intervalMs: number;
  /** When watching stops, paid or not: when the order's record expires, a day after the order. */
  until: number;
}

const MAX_INTERVAL_MS = 5 * 60_000;
/** How long one instance holds an invoice while it checks it. */
const LEASE_MS = 60_000;
const PREFIX = 'watch:';
const leaseKey = (key: string) => `watch-lease:${key}`;

/**
 * The pending invoices the bot watches for their payment, in the key-value store: the list
 * survives a restart, and instances share it, each invoice checked by one instance at a time.
 */
export class WatchList {
  constructor(
    private readonly kv: Kv,
    private readonly clock: Clock,
    /** PAYMENT_WATCH_SECONDS: the wait before the first check. */
    private readonly firstCheckMs: number,
  ) {}

  /** Starts watching the invoice of a placed order. */
  async add(record: OrderRecord): Promise<void> {
    const now = this.clock.now();
    await this.save({
      key: record.key,
      token: record.account === 'member' ? `member:${record.tokenId ?? ''}` : 'operator',
      due: now + this.firstCheckMs,
      intervalMs: this.firstCheckMs,
      until: record.createdAt + RECORD_TTL_MS,
    });
  }

  /** The watched invoices whose check is due, the longest overdue first. */
  async due(): Promise<Watched[]> {
    const now = this.clock.now();
    const due: Watched[] = [];
    for await (const [, watched] of this.kv.scan<Watched>(PREFIX)) {
      if (watched.due <= now) due.push(watched);
    }
    return due.sort((a, b) => a.due - b.due);
  }

  /** How many invoices are watched. */
  async count(): Promise<number> {
    let count = 0;
    for await (const _ of this.kv.scan<Watched>(PREFIX)) count++;
    return count;
  }

  /** The next check, twice as far off as the last (at most 5 minutes); none after `until`. */
  async next(watched: Watched): Promise<void> {
    const intervalMs = Math.min(watched.intervalMs * 2, MAX_INTERVAL_MS);
    await this.save({ ...watched, intervalMs, due: this.clock.now() + intervalMs });
  }

  async remove(key: string): Promise<void> {
    await this.kv.delete(`${PREFIX}${key}`);
  }

  /**
   * Leases a due invoice to this instance: its entry as it is now, or undefined when another
   * instance holds it or has checked it since the list was read (its next check is no longer due).
   */
  async take(key: string): Promise<Watched | undefined> {
    if (!(await this.kv.claim(leaseKey(key), this.clock.now(), LEASE_MS))) return undefined;
    const watched = await this.kv.get<Watched>(`${PREFIX}${key}`);
    if (watched !== undefined && watched.due <= this.clock.now()) return watched;
    await this.release(key);
    return undefined;
  }

  async release(key: string): Promise<void> {
    await this.kv.delete(leaseKey(key));
  }

  private async save(watched: Watched): Promise<void> {
    const ttlMs = watched.until - this.clock.now();
    if (ttlMs <= 0 || watched.due > watched.until) await this.remove(watched.key);
    else await this.kv.set(`${PREFIX}${watched.key}`, watched, ttlMs);
  }
}
