import type { Logger } from 'pino';

/**
 * Runs a pass over stored work every `intervalMs`, never two at once; a failed pass is logged and
 * the next one comes at its time. `stop` waits for the pass in progress.
 */
export class Passes {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly pass: () => Promise<void>,
    private readonly intervalMs: number,
    private readonly logger: Logger,
    /** Names the pass in the log line of a failure. */
    private readonly name: string,
  ) {}

  /** `now`: the first pass runs at once rather than after the first interval. */
  start(now: boolean): void {
    const tick = () => {
      this.running ??= this.pass()
        .catch((error: unknown) => {
          this.logger.warn({ err: error }, `${this.name} pass failed`);
        })
        .finally(() => {
          this.running = undefined;
        });
    };
    if (now) tick();
    this.timer = setInterval(tick, this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
