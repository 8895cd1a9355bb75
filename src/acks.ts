/**
 * Acknowledgements first. Discord drops an interaction that is not acknowledged within 3 seconds,
 * and one event loop serves every user: in a burst, the work that follows one user's
 * acknowledgement (records, the store call, rendering) would delay the acknowledgements of the
 * users whose submits arrived with it. So each interaction is pending from its arrival until its
 * handler has acknowledged it (or finished), and the work that follows an acknowledgement waits
 * until none is pending. It waits at most `maxWaitMs`, so a steady stream of arrivals delays that
 * work but never starves it.
 */
export class AckFirst {
  private pending = 0;
  private waiters: (() => void)[] = [];
  /** One timer for everything waiting: the first waiter arms it, a wake-up clears it. */
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly maxWaitMs = 250) {}

  /** An interaction arrived. Call the returned function once it is acknowledged; calling it again does nothing. */
  arrive(): () => void {
    this.pending++;
    let settled = false;
    return () => {
      if (settled) return;
      settled = true;
      this.pending--;
      if (this.pending === 0 && this.waiters.length > 0) this.wake();
    };
  }

  /** Interactions that arrived and are not acknowledged yet. */
  get unacknowledged(): number {
    return this.pending;
  }

  /** Resolves once no interaction is waiting for its acknowledgement, or after at most maxWaitMs. */
  idle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.waiters.push(resolve);
      this.timer ??= setTimeout(() => {
        this.wake();
      }, this.maxWaitMs);
    });
  }

  private wake(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }
}
