interface Waiter {
  check: () => boolean;
  cancel: (reason: Error) => void;
}

/** Re-evaluates pending `waitUntil` conditions whenever the emulator state changes. */
export class Waiters {
  private readonly pending = new Set<Waiter>();

  waitUntil<T>(probe: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const finish = (): void => {
        clearTimeout(timer);
        this.pending.delete(waiter);
      };
      const waiter: Waiter = {
        check: () => {
          const value = probe();
          if (value === undefined) return false;
          finish();
          resolve(value);
          return true;
        },
        cancel: (reason) => {
          finish();
          reject(reason);
        },
      };
      const timer = setTimeout(() => {
        waiter.cancel(new Error(`Discord emulator: timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      if (!waiter.check()) this.pending.add(waiter);
    });
  }

  notify(): void {
    for (const waiter of [...this.pending]) waiter.check();
  }

  cancelAll(): void {
    for (const waiter of [...this.pending]) waiter.cancel(new Error('Discord emulator closed'));
  }
}
