import { describe, expect, it } from 'vitest';

import { peakInWindow } from '../../bench/stats.js';

describe("the benchmark's busiest minute", () => {
  it('counts the most times that fall in any window, whatever their order', () => {
    expect(peakInWindow([], 60_000)).toBe(0);
    expect(peakInWindow([5], 60_000)).toBe(1);
    // 0, 30 s and 59.9 s share a minute; 60 s starts a new one with 30 s and 59.9 s.
    expect(peakInWindow([60_000, 0, 59_900, 30_000], 60_000)).toBe(3);
    expect(peakInWindow([0, 60_000, 120_000], 60_000)).toBe(1);
    // A burst of 500 at the same instant, and another 61 s later.
    const burst = (at: number) => Array.from({ length: 500 }, () => at);
    expect(peakInWindow([...burst(61_000), ...burst(0)], 60_000)).toBe(500);
    expect(peakInWindow([...burst(0), ...burst(59_000), 61_000], 60_000)).toBe(1000);
  });
});
