/**
 * Acknowledgements first. Discord drops an interaction that is not acknowledged within 3 seconds,
 * and one event loop serves every user: in a burst, the work that follows one user's
 * acknowledgement (records, the store call, rendering) would delay the acknowledgements of the
 * users whose submits arrived with it. So each interaction is pending from its arrival until its
 * handler has acknowledged it (or finished), and the work that follows an acknowledgement waits
 * until none is pending. It waits at most `maxWaitMs`, so a steady stream of arrivals delays that
 * work but never starves it.
 *
 * The work that waited goes one piece per turn of the event loop, oldest first: released all at
 * once, a burst's worth of it (each piece runs its records and starts its store call before it
 * yields) would run as one block, and an interaction whose event arrived meanwhile would be read
 * only after all of it. Between two pieces the loop reads what arrived; if an interaction is
 * pending again, the rest waits for it, except the pieces that have already waited `maxWaitMs`.
 */
export class AckFirst {
  private pending = 0;
  private waiters: (() => void)[] = [];
  /** How many of the oldest waiters have waited `maxWaitMs`: they go whatever is pending. */
  private overdue = 0;
  /** One timer for everything waiting: the first waiter arms it. */
  private timer: NodeJS.Timeout | undefined;
  private scheduled = false;

  constructor(private readonly maxWaitMs = 250) {}

  /** An interaction arrived. Call the returned function once it is acknowledged; calling it again does nothing. */
  arrive(): () => void {
    this.pending++;
    let settled = false;
    return () => {
      if (settled) return;
      settled = true;
      this.pending--;
      if (this.pending === 0) this.schedule();
    };
  }

  /** Interactions that arrived and are not acknowledged yet. */
  get unacknowledged(): number {
    return this.pending;
  }

  /**
   * Resolves in its turn (oldest first, one per turn of the event loop) once no interaction is
   * waiting for its acknowledgement, or once it has waited maxWaitMs.
   */
  idle(): Promise<void> {
    if (this.pending === 0 && this.waiters.length === 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.waiters.push(resolve);
      this.timer ??= setTimeout(() => {
        this.timer = undefined;
        this.overdue = this.waiters.length;
        this.schedule();
      }, this.maxWaitMs);
      if (this.pending === 0) this.schedule();
    });
  }

  /** Releases the next waiter on the next turn of the event loop (once, however often it is asked). */
  private schedule(): void {
    if (this.scheduled || this.waiters.length === 0) return;
    this.scheduled = true;
    setImmediate(this.releaseOne);
  }

  private readonly releaseOne = (): void => {
    this.scheduled = false;
    // Held again: an acknowledgement settling, or the timer, schedules the next release.
    if (this.pending > 0 && this.overdue === 0) return;
    const resolve = this.waiters.shift();
    if (resolve === undefined) return;
    if (this.overdue > 0) this.overdue--;
    if (this.waiters.length === 0) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    resolve();
    this.schedule();
  };
}
