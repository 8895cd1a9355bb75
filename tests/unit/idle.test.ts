import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  IdleWork,
  collectYoungGeneration,
  v8YoungGeneration,
  youngGenerationCollector,
  type YoungGeneration,
} from '../../src/idle.js';

describe('IdleWork', () => {
  /** How many times the task ran (it stands for a WAL checkpoint or a collection). */
  let runs: number;
  let inProgress: number;
  let errors: unknown[];
  let work: IdleWork;

  /** An interaction starts; the returned function ends it, as the bot's in-flight set does. */
  function start(): () => void {
    inProgress += 1;
    return () => {
      inProgress -= 1;
      if (inProgress === 0) work.idle();
    };
  }

  beforeEach(() => {
    vi.useFakeTimers();
    runs = 0;
    inProgress = 0;
    errors = [];
    work = new IdleWork(
      {
        quietMs: 100,
        busy: () => inProgress > 0,
        now: () => Date.now(),
        onError: (error) => errors.push(error),
      },
      [
        () => {
          runs += 1;
        },
      ],
    );
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** The task has not run 1 ms before `ms` from now, and has run once at `ms`. */
  function expectOneRunIn(ms: number): void {
    vi.advanceTimersByTime(ms - 1);
    expect(runs).toBe(0);
    vi.advanceTimersByTime(1);
    expect(runs).toBe(1);
  }

  it('runs once the bot has been idle for quietMs, and only once per quiet spell', () => {
    start()();
    expectOneRunIn(100);
    vi.advanceTimersByTime(10_000);
    expect(runs).toBe(1);
  });

  it('never runs while an interaction is in progress', () => {
    start()();
    vi.advanceTimersByTime(50);
    const next = start();
    vi.advanceTimersByTime(1_000);
    expect(runs).toBe(0);
    next();
    expectOneRunIn(100);
  });

  it('counts from the end of the last interaction when the bot was busy again meanwhile', () => {
    start()();
    vi.advanceTimersByTime(60);
    const next = start();
    vi.advanceTimersByTime(20);
    next(); // idle again at 80 ms: quiet from then on
    expectOneRunIn(100);
  });

  it('runs once for two quiet moments close together, quietMs after the later', () => {
    start()();
    vi.advanceTimersByTime(50);
    start()();
    expectOneRunIn(100);
    vi.advanceTimersByTime(1_000);
    expect(runs).toBe(1);
  });

  it('does nothing once stopped', () => {
    const done = start();
    work.stop();
    done();
    vi.advanceTimersByTime(1_000);
    expect(runs).toBe(0);
  });

  it('runs its tasks in order; one that throws is reported and the next still runs', () => {
    const ran: string[] = [];
    const failure = new Error('disk I/O error');
    const ordered = new IdleWork(
      { quietMs: 100, busy: () => false, now: () => Date.now(), onError: (error) => errors.push(error) },
      [
        () => {
          ran.push('checkpoint');
          throw failure;
        },
        () => ran.push('collect'),
      ],
    );
    ordered.idle();
    vi.advanceTimersByTime(100);
    expect(ran).toEqual(['checkpoint', 'collect']);
    expect(errors).toEqual([failure]);
    ordered.idle();
    vi.advanceTimersByTime(100);
    expect(ran).toEqual(['checkpoint', 'collect', 'checkpoint', 'collect']);
  });
});

describe('collectYoungGeneration', () => {
  function taskFor(young: YoungGeneration): () => number {
    let collections = 0;
    const task = collectYoungGeneration({
      minShare: 0.25,
      young: () => young,
      collect: () => {
        collections += 1;
      },
    });
    return () => {
      task();
      return collections;
    };
  }

  it('collects a young generation that is at least minShare full', () => {
    expect(taskFor({ used: 6_000_000, capacity: 16_000_000 })()).toBe(1);
    expect(taskFor({ used: 4_000_000, capacity: 16_000_000 })()).toBe(1);
  });

  it('leaves one that is mostly empty alone', () => {
    expect(taskFor({ used: 3_000_000, capacity: 16_000_000 })()).toBe(0);
    expect(taskFor({ used: 0, capacity: 0 })()).toBe(0);
  });
});

describe('the young generation of this process', () => {
  it('is emptied of its garbage by the collector, without a global gc()', () => {
    const exposed = 'gc' in globalThis;
    const collect = youngGenerationCollector();
    let keep = 0;
    for (let i = 0; i < 20_000; i++) keep += [i, i + 1, i + 2].length;
    expect(keep).toBe(60_000);
    const before = v8YoungGeneration();
    expect(before.capacity).toBeGreaterThan(0);
    expect(before.used).toBeGreaterThan(0);
    collect();
    expect(v8YoungGeneration().used).toBeLessThan(before.used);
    expect('gc' in globalThis).toBe(exposed);
  });
});
