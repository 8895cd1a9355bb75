import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Bytes in use in V8's young generation, and what it holds before it must be collected. */
export interface YoungGeneration {
  used: number;
  capacity: number;
}

export interface IdleOptions {
  /** How long no interaction must have been in progress before the tasks run. */
  quietMs: number;
  /** Whether an interaction is in progress now (the bot's own count of them). */
  busy: () => boolean;
  now: () => number;
  /** A task threw: it is reported here, and the other tasks still run. */
  onError: (error: unknown) => void;
}

/** Housekeeping for a quiet moment. It decides itself whether there is anything to do. */
export type IdleTask = () => void;

/**
 * Runs housekeeping while the bot is idle, so that a burst of interactions does not pay for the
 * one before: every interaction that arrives while the event loop is busy with it waits that long
 * for its acknowledgement. Once no interaction has been in progress for `quietMs`, each task runs,
 * in order. They never run while an interaction is in progress, and at most once per quiet spell.
 */
export class IdleWork {
  private idleSince = 0;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly options: IdleOptions,
    private readonly tasks: readonly IdleTask[],
  ) {}

  /** The last interaction in progress has just ended. */
  idle(): void {
    if (this.stopped) return;
    this.idleSince = this.options.now();
    // One timer at a time: when it fires, it waits on if the bot was busy again meanwhile.
    this.timer ??= this.arm(this.options.quietMs);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private arm(ms: number): NodeJS.Timeout {
    const timer = setTimeout(() => {
      this.timer = undefined;
      this.quiet();
    }, ms);
    timer.unref();
    return timer;
  }

  private quiet(): void {
    // Busy again: the next time the bot goes idle arms a new timer.
    if (this.options.busy()) return;
    const quietFor = this.options.now() - this.idleSince;
    if (quietFor < this.options.quietMs) {
      this.timer = this.arm(this.options.quietMs - quietFor);
      return;
    }
    for (const task of this.tasks) {
      try {
        task();
      } catch (error) {
        this.options.onError(error);
      }
    }
  }
}

/**
 * Collects V8's young generation when it is at least `minShare` full.
 *
 * V8 collects it when it is full, whenever that is. In a burst, that collection runs with the
 * burst's interactions alive and takes 5–15 ms (measured with `--trace-gc`). Collected at a quiet
 * moment instead, with little alive, the next burst starts with an empty young generation.
 */
export function collectYoungGeneration(options: {
  minShare: number;
  young: () => YoungGeneration;
  collect: () => void;
}): IdleTask {
  return () => {
    const young = options.young();
    if (young.used > 0 && young.used >= young.capacity * options.minShare) options.collect();
  };
}

/** The young generation ("new_space") of this isolate. */
export function v8YoungGeneration(): YoungGeneration {
  const space = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
  if (!space) return { used: 0, capacity: 0 };
  return { used: space.space_used_size, capacity: space.space_used_size + space.space_available_size };
}

type GcFunction = (options?: { type: 'minor' | 'major' }) => void;

/**
 * A function that collects the young generation now. V8's `gc` is exposed in a new context only
 * (the global scope gains nothing), unless node already runs with `--expose-gc`; and only on the
 * first collection, not at start-up (a new context costs about 1.5 ms and 0.8 MB).
 */
export function youngGenerationCollector(): () => void {
  let gc = (globalThis as { gc?: GcFunction }).gc;
  return () => {
    if (gc === undefined) {
      setFlagsFromString('--expose-gc');
      gc = runInNewContext('gc') as GcFunction;
    }
    gc({ type: 'minor' });
  };
}
