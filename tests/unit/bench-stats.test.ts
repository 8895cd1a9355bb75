import { describe, expect, it } from 'vitest';

import {
  GOALS,
  median,
  parseStartScript,
  peakInWindow,
  renderTable,
  row,
  soloRow,
  soloSummaryRow,
  summarize,
  summaryRow,
} from '../../bench/stats.js';

describe("the benchmark's percentiles", () => {
  it('takes the nearest rank, whatever the order of the values', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(summarize(values)).toEqual({ n: 100, p50: 50, p99: 99, max: 100 });
    expect(summarize([7])).toEqual({ n: 1, p50: 7, p99: 7, max: 7 });
    expect(median([3, 1, 2])).toBe(2);
  });

  it('has no figure for no values', () => {
    expect(summarize([])).toEqual({ n: 0, p50: NaN, p99: NaN, max: NaN });
  });
});

describe("the benchmark's busiest minute", () => {
  it('counts the most times that fall in any window, whatever their order', () => {
    expect(peakInWindow([], 60_000)).toBe(0);
    expect(peakInWindow([5], 60_000)).toBe(1);
    // 0, 30 s and 59.9 s share a minute; 60 s starts a new one with 30 s and 59.9 s.
    expect(peakInWindow([60_000, 0, 59_900, 30_000], 60_000)).toBe(3);
    expect(peakInWindow([0, 60_000, 120_000], 60_000)).toBe(1);
    const burst = (at: number) => Array.from({ length: 500 }, () => at);
    expect(peakInWindow([...burst(61_000), ...burst(0)], 60_000)).toBe(500);
    expect(peakInWindow([...burst(0), ...burst(59_000), 61_000], 60_000)).toBe(1000);
  });
});

describe("the benchmark's verdicts", () => {
  it('judges the bot by each target, beside the floor where the target says so', () => {
    expect(GOALS.acked(3000).met(3000, 2999)).toBe(true);
    expect(GOALS.acked(3000).met(2999, 3000)).toBe(false);
    expect(GOALS.lastInvoice.met(1500, 0)).toBe(true);
    expect(GOALS.lastInvoice.met(Infinity, 0)).toBe(false);
    expect(GOALS.rss.met(130 * 2 ** 20, 100 * 2 ** 20)).toBe(true);
    expect(GOALS.rss.met(131 * 2 ** 20, 100 * 2 ** 20)).toBe(false);
    expect(GOALS.growth.met(5 * 2 ** 20, 0)).toBe(true);
    expect(GOALS.growth.met(6 * 2 ** 20, 0)).toBe(false);
    expect(GOALS.cpu.met(2.5, 1)).toBe(true);
    expect(GOALS.cpu.met(2.6, 1)).toBe(false);
    expect(GOALS.startup.met(1300, 1000)).toBe(true);
    expect(GOALS.startup.met(1301, 1000)).toBe(false);
    expect(GOALS.pressAnswered.met(2999, NaN)).toBe(true);
    expect(GOALS.pressAnswered.met(3000, NaN)).toBe(false);
  });
});

describe("the benchmark's table", () => {
  it('puts each figure beside the floor’s, with the ratios and the verdict', () => {
    const latency = summaryRow(
      'latency',
      [
        { n: 3, p50: 10, p99: 250, max: Infinity },
        { n: 3, p50: 20, p99: 125, max: 300 },
      ],
      GOALS.lastInvoice,
    );
    expect(latency).toEqual({
      figure: 'latency',
      bot: '10.0 / 250 / ∞',
      floor: '20.0 / 125 / 300',
      ratio: '0.50× / 2.00× / n/a',
      target: 'max ≤ 1500 ms',
      verdict: 'MISSED',
    });
    const cpu = row('cpu', [2, 1], (ms) => ms.toFixed(2), GOALS.cpu);
    expect(renderTable([{ title: 'Section', rows: [latency, cpu] }]).split('\n')).toEqual([
      '        | bot            | floor            | bot/floor           | target        |',
      '--------+----------------+------------------+---------------------+---------------+-------',
      'Section',
      'latency | 10.0 / 250 / ∞ | 20.0 / 125 / 300 | 0.50× / 2.00× / n/a | max ≤ 1500 ms | MISSED',
      'cpu     | 2.00           | 1.00             | 2.00×               | ≤ 2.5× floor  | met',
      '--------+----------------+------------------+---------------------+---------------+-------',
    ]);
  });

  it('shows a figure of the bot alone with no floor and no ratio, judged by its maximum', () => {
    const press = soloSummaryRow('press', { n: 2, p50: 12, p99: 3000, max: 3000 }, GOALS.pressAnswered);
    expect(press).toEqual({
      figure: 'press',
      bot: '12.0 / 3000 / 3000',
      floor: '—',
      ratio: '',
      target: 'max < 3000 ms',
      verdict: 'MISSED',
    });
    expect(soloRow('reads', '12')).toEqual({
      figure: 'reads',
      bot: '12',
      floor: '—',
      ratio: '',
      target: '',
      verdict: '',
    });
  });
});

describe('how npm start runs node', () => {
  it('reads the flags and the entry point', () => {
    expect(parseStartScript('node dist/bot/main.js', '')).toEqual({
      nodeOptions: '',
      flags: [],
      entry: 'dist/bot/main.js',
    });
    expect(parseStartScript('node --enable-source-maps dist/bot/main.js', '--trace-warnings')).toEqual({
      nodeOptions: '--trace-warnings',
      flags: ['--enable-source-maps'],
      entry: 'dist/bot/main.js',
    });
  });

  it('reads the NODE_OPTIONS it sets, expanding $NODE_OPTIONS as the shell does', () => {
    const script = 'NODE_OPTIONS="--max-old-space-size=256 $NODE_OPTIONS" node dist/bot/main.js';
    expect(parseStartScript(script, '').nodeOptions).toBe('--max-old-space-size=256');
    expect(parseStartScript(script, '--trace-gc').nodeOptions).toBe('--max-old-space-size=256 --trace-gc');
    expect(parseStartScript("NODE_OPTIONS='$NODE_OPTIONS' node a.js", '--x').nodeOptions).toBe(
      '$NODE_OPTIONS',
    );
    expect(parseStartScript('NODE_OPTIONS=--max-old-space-size=128 node a.js', '--x').nodeOptions).toBe(
      '--max-old-space-size=128',
    );
  });

  it('refuses what it could not reproduce', () => {
    expect(() => parseStartScript('tsx src/main.ts', '')).toThrow(/cannot reproduce/);
    expect(() => parseStartScript('node --inspect', '')).toThrow(/cannot reproduce/);
    expect(() => parseStartScript('node a.js | tee log', '')).toThrow(/cannot reproduce/);
  });
});
