/**
 * The benchmark's pure helpers: percentiles, the busiest minute, verdicts, the printed table, and
 * how `npm start` runs node. No I/O here (tests/unit/bench-stats.test.ts).
 */

/** Nearest-rank p50, p99 and maximum of `values` (in any order); NaN when there are none. */
export function summarize(values: readonly number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.max(1, Math.ceil((p / 100) * sorted.length)) - 1] ?? NaN;
  return { n: sorted.length, p50: rank(50), p99: rank(99), max: rank(100) };
}
export type Summary = ReturnType<typeof summarize>;

export function median(values: readonly number[]): number {
  return summarize(values).p50;
}

/** The most of `times` (ms, in any order) that fall within any window of `windowMs`. */
export function peakInWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let peak = 0;
  let first = 0;
  for (const [last, time] of sorted.entries()) {
    while ((sorted[first] ?? time) <= time - windowMs) first++;
    peak = Math.max(peak, last - first + 1);
  }
  return peak;
}

export type Verdict = 'met' | 'MISSED' | '';

/** A target: its wording in the table, and whether the bot's figure (beside the floor's) meets it. */
export interface Goal {
  label: string;
  met: (bot: number, floor: number) => boolean;
}

const MB = 2 ** 20;

/** The targets the bot is judged by (bench/README.md says why each). */
export const GOALS: Record<'lastInvoice' | 'rss' | 'growth' | 'cpu' | 'startup' | 'pressAnswered', Goal> & {
  acked: (interactions: number) => Goal;
} = {
  /** Every interaction of a burst acknowledged within Discord's 3 s. */
  acked: (interactions: number): Goal => ({ label: 'all', met: (bot) => bot === interactions }),
  /** The last invoice of a burst, from the store's answer. */
  lastInvoice: { label: 'max ≤ 1500 ms', met: (bot) => bot <= 1500 },
  rss: { label: '≤ floor + 30 MB', met: (bot, floor) => bot <= floor + 30 * MB },
  growth: { label: '≤ 5 MB', met: (bot) => bot <= 5 * MB },
  cpu: { label: '≤ 2.5× floor', met: (bot, floor) => bot <= 2.5 * floor },
  startup: { label: '≤ 1.3× floor', met: (bot, floor) => bot <= 1.3 * floor },
  /** A pressed Check payment answered while the payment watch has used its share of the reads. */
  pressAnswered: { label: 'max < 3000 ms', met: (bot) => bot < 3000 },
};

/** One line of the table: a figure of the bot beside the floor's. */
export interface Row {
  figure: string;
  bot: string;
  floor: string;
  ratio: string;
  target: string;
  verdict: Verdict;
}

export interface Section {
  title: string;
  rows: Row[];
}

export function fmtMs(ms: number): string {
  if (ms === Infinity) return '∞';
  return ms >= 100 ? ms.toFixed(0) : ms.toFixed(1);
}

export function fmtMb(bytes: number): string {
  return (bytes / MB).toFixed(1);
}

export function fmtRatio(bot: number, floor: number): string {
  const ratio = bot / floor;
  return Number.isFinite(ratio) ? `${ratio.toFixed(2)}×` : 'n/a';
}

/** A row of one figure of each process and their ratio, judged by `goal` if it has one. */
export function row(
  figure: string,
  [bot, floor]: [number, number],
  format: (n: number) => string,
  goal?: Goal,
): Row {
  const judged = goal
    ? ({ target: goal.label, verdict: goal.met(bot, floor) ? 'met' : 'MISSED' } as const)
    : ({ target: '', verdict: '' } as const);
  return { figure, bot: format(bot), floor: format(floor), ratio: fmtRatio(bot, floor), ...judged };
}

/** A row of p50 / p99 / max in ms, with the three ratios; `goal` judges the maxima. */
export function summaryRow(figure: string, [bot, floor]: [Summary, Summary], goal?: Goal): Row {
  const keys = ['p50', 'p99', 'max'] as const;
  const cells = (pick: (key: (typeof keys)[number]) => string) => keys.map(pick).join(' / ');
  return {
    ...row(figure, [bot.max, floor.max], fmtMs, goal),
    bot: cells((k) => fmtMs(bot[k])),
    floor: cells((k) => fmtMs(floor[k])),
    ratio: cells((k) => fmtRatio(bot[k], floor[k])),
  };
}

/** A row of the bot alone (the floor has no such figure). */
export function soloRow(figure: string, bot: string, judged?: { goal: Goal; value: number }): Row {
  const verdict: Verdict = judged === undefined ? '' : judged.goal.met(judged.value, NaN) ? 'met' : 'MISSED';
  return { figure, bot, floor: '—', ratio: '', target: judged?.goal.label ?? '', verdict };
}

/** A row of the bot's p50 / p99 / max in ms alone; `goal` judges the maximum. */
export function soloSummaryRow(figure: string, bot: Summary, goal?: Goal): Row {
  const cells = [bot.p50, bot.p99, bot.max].map(fmtMs).join(' / ');
  return soloRow(figure, cells, goal && { goal, value: bot.max });
}

const COLUMNS = ['figure', 'bot', 'floor', 'ratio', 'target', 'verdict'] as const;
const HEADER: Row = {
  figure: '',
  bot: 'bot',
  floor: 'floor',
  ratio: 'bot/floor',
  target: 'target',
  verdict: '',
};

/** Plain text: each section's title, then its rows, every column padded to its widest cell. */
export function renderTable(sections: readonly Section[]): string {
  const rows = [HEADER, ...sections.flatMap((s) => s.rows)];
  const widths = COLUMNS.map((key) => Math.max(...rows.map((row) => row[key].length)));
  const line = (row: Row) =>
    COLUMNS.map((key, i) => row[key].padEnd(widths[i] ?? 0))
      .join(' | ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('-+-');
  return [line(HEADER), ...sections.flatMap((s) => [rule, s.title, ...s.rows.map(line)]), rule].join('\n');
}

/** How `npm start` runs node: the NODE_OPTIONS it sets (if any), node's flags and the entry point. */
export interface NodeCommand {
  nodeOptions: string;
  flags: string[];
  entry: string;
}

/**
 * Reads a `start` script of the form `[NODE_OPTIONS="…"] node [flags…] <entry>`. `inherited` is
 * the NODE_OPTIONS of the environment, which node sees when the script sets none, and which
 * `$NODE_OPTIONS` stands for in a double-quoted or bare value, as the shell expands it. Anything
 * else (another command, a pipe) throws: the benchmark could not start the bot as that script does.
 */
export function parseStartScript(script: string, inherited: string): NodeCommand {
  const match = /^(?:NODE_OPTIONS=(?:"([^"]*)"|'([^']*)'|([^\s'"]*))\s+)?node((?:\s+[^\s;&|<>]+)+)$/.exec(
    script.trim(),
  );
  const words = match?.[4]?.trim().split(/\s+/) ?? [];
  const entry = words.pop();
  if (!match || entry === undefined || entry.startsWith('-'))
    throw new Error(`cannot reproduce the start script: ${script}`);
  const expand = (value: string) => value.replace(/\$\{?NODE_OPTIONS\}?/g, () => inherited);
  const set = match[1] ?? match[3];
  const nodeOptions = match[2] ?? (set === undefined ? inherited : expand(set));
  return { nodeOptions: nodeOptions.trim().split(/\s+/).join(' '), flags: words, entry };
}
