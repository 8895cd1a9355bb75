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

  function collector(): IdleCollector {
    return new IdleCollector({
      quietMs: 100,
      minShare: 0.25,
      now: () => Date.now(),
      young: () => young,
      collect: () => {
        collections += 1;
      },
    });
  }

  beforeEach(() => {
    vi.useFakeTimers();
    young = { used: 6_000_000, capacity: 16_000_000 };
    collections = 0;
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('collects once the bot has been idle for quietMs, and only once per quiet spell', () => {
    const idle = collector();
    idle.busy()();
    vi.advanceTimersByTime(99);
    expect(collections).toBe(0);
    vi.advanceTimersByTime(1);
    expect(collections).toBe(1);
    vi.advanceTimersByTime(10_000);
    expect(collections).toBe(1);
  });

  it('never collects while an interaction is in progress', () => {
    const idle = collector();
    const first = idle.busy();
    const second = idle.busy();
    first();
    vi.advanceTimersByTime(1_000);
    expect(collections).toBe(0);
    second();
    vi.advanceTimersByTime(100);
    expect(collections).toBe(1);
  });

  it('counts from the end of the last interaction when the bot was busy again meanwhile', () => {
    const idle = collector();
    idle.busy()();
    vi.advanceTimersByTime(60);
    const next = idle.busy();
    vi.advanceTimersByTime(20);
    next(); // idle again at 80 ms: quiet from then on
    vi.advanceTimersByTime(99);
    expect(collections).toBe(0);
    vi.advanceTimersByTime(1);
    expect(collections).toBe(1);
  });

  it('leaves a young generation that is mostly empty alone', () => {
    young = { used: 3_000_000, capacity: 16_000_000 };
    const idle = collector();
    idle.busy()();
    vi.advanceTimersByTime(1_000);
    expect(collections).toBe(0);
  });

  it('counts an interaction once however often it is marked done', () => {
    const idle = collector();
    const done = idle.busy();
    const other = idle.busy();
    done();
    done();
    vi.advanceTimersByTime(1_000);
    expect(collections).toBe(0);
    other();
    vi.advanceTimersByTime(100);
    expect(collections).toBe(1);
  });

  it('does nothing once stopped', () => {
    const idle = collector();
    const done = idle.busy();
    idle.stop();
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
