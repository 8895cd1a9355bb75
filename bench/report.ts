import type { Summary } from './stats.js';

export type Verdict = 'pass' | 'MISSED' | '';

export interface Row {
  figure: string;
  bot: string;
  floor: string;
  ratio: string;
  target: string;
  result: Verdict;
}

export interface Section {
  title: string;
  rows: Row[];
}

export function fmtMs(value: number): string {
  if (!Number.isFinite(value)) return value > 0 ? '∞' : 'n/a';
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

export function fmtMb(bytes: number): string {
  return Number.isFinite(bytes) ? (bytes / (1024 * 1024)).toFixed(1) : 'n/a';
}

export function ratio(bot: number, floor: number): number {
  return floor === 0 ? Number.NaN : bot / floor;
}

export function fmtRatio(value: number): string {
  if (!Number.isFinite(value)) return value > 0 ? '∞' : 'n/a';
  return `${value.toFixed(2)}×`;
}

export const PERCENTILES = ['p50', 'p95', 'p99', 'max'] as const;

export function fmtSummary(summary: Summary): string {
  return PERCENTILES.map((p) => fmtMs(summary[p])).join(' / ');
}

export function fmtSummaryRatio(bot: Summary, floor: Summary): string {
  return PERCENTILES.map((p) => fmtRatio(ratio(bot[p], floor[p]))).join(' / ');
}

export function verdict(ok: boolean): Verdict {
  return ok ? 'pass' : 'MISSED';
}

const HEADERS: Row = {
  figure: 'Figure',
  bot: 'Bot',
  floor: 'Floor',
  ratio: 'Bot/Floor',
  target: 'Target',
  result: '',
};

/** A plain-text table: one block per section, columns padded to their widest cell. */
export function renderTable(sections: readonly Section[]): string {
  const all = [HEADERS, ...sections.flatMap((s) => s.rows)];
  const keys = ['figure', 'bot', 'floor', 'ratio', 'target', 'result'] as const;
  const width = Object.fromEntries(
    keys.map((key) => [
      key,
      Math.max(...all.map((row) => (key === 'result' && row === HEADERS ? 6 : row[key].length))),
    ]),
  ) as Record<(typeof keys)[number], number>;
  const line = (row: Row): string =>
    keys
      .map((key) => (key === 'result' && row === HEADERS ? 'Result' : row[key]).padEnd(width[key]))
      .join(' | ')
      .trimEnd();
  const rule = keys.map((key) => '-'.repeat(width[key])).join('-+-');
  const out = [line(HEADERS), rule];
  for (const section of sections) {
    out.push(section.title);
    for (const row of section.rows) out.push(line(row));
    out.push(rule);
  }
  return out.join('\n');
}
