import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  IdleCollector,
  v8YoungGeneration,
  youngGenerationCollector,
  type YoungGeneration,
} from '../../src/idle-gc.js';

describe('IdleCollector', () => {
  let young: YoungGeneration;
  let collections: number;
  let inProgress: number;
  let collector: IdleCollector;

  /** An interaction starts; the returned function ends it, as the bot's in-flight set does. */
  function start(): () => void {
    inProgress += 1;
    return () => {
      inProgress -= 1;
      if (inProgress === 0) collector.idle();
    };
  }

  beforeEach(() => {
    vi.useFakeTimers();
    young = { used: 6_000_000, capacity: 16_000_000 };
    collections = 0;
    inProgress = 0;
    collector = new IdleCollector({
      quietMs: 100,
      minShare: 0.25,
      busy: () => inProgress > 0,
      now: () => Date.now(),
      young: () => young,
      collect: () => {
        collections += 1;
      },
    });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('collects once the bot has been idle for quietMs, and only once per quiet spell', () => {
    start()();
    vi.advanceTimersByTime(99);
    expect(collections).toBe(0);
    vi.advanceTimersByTime(1);
    expect(collections).toBe(1);
    vi.advanceTimersByTime(10_000);
    expect(collections).toBe(1);
  });

  it('never collects while an interaction is in progress', () => {
    start()();
    vi.advanceTimersByTime(50);
    const next = start();
    vi.advanceTimersByTime(1_000);
    expect(collections).toBe(0);
    next();
    vi.advanceTimersByTime(100);
    expect(collections).toBe(1);
  });

  it('counts from the end of the last interaction when the bot was busy again meanwhile', () => {
    start()();
    vi.advanceTimersByTime(60);
    const next = start();
    vi.advanceTimersByTime(20);
    next(); // idle again at 80 ms: quiet from then on
    vi.advanceTimersByTime(99);
    expect(collections).toBe(0);
    vi.advanceTimersByTime(1);
    expect(collections).toBe(1);
  });

  it('leaves a young generation that is mostly empty alone', () => {
    young = { used: 3_000_000, capacity: 16_000_000 };
    start()();
    vi.advanceTimersByTime(1_000);
    expect(collections).toBe(0);
  });

  it('collects once for two quiet moments close together, quietMs after the later', () => {
    start()();
    vi.advanceTimersByTime(50);
    start()();
    vi.advanceTimersByTime(99);
    expect(collections).toBe(0);
    vi.advanceTimersByTime(1);
    expect(collections).toBe(1);
    vi.advanceTimersByTime(1_000);
    expect(collections).toBe(1);
  });

  it('does nothing once stopped', () => {
    const done = start();
    collector.stop();
    done();
    vi.advanceTimersByTime(1_000);
    expect(collections).toBe(0);
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
