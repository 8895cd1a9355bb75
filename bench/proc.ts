import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat times (`getconf CLK_TCK`, 100 on Linux in practice). */
export const CLK_TCK = ((): number => {
  try {
    const value = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    return Number.isFinite(value) && value > 0 ? value : 100;
  } catch {
    return 100;
  }
})();

/** The command line of a process, to check that the pid measured is node itself, not a wrapper. */
export function cmdline(pid: number): string[] {
  return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
}

/** user+sys CPU seconds of one process (its own threads, not its children), from /proc/<pid>/stat. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may contain spaces) start at field 3 (state).
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(rest[11]);
  const stime = Number(rest[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) throw new Error(`cannot parse /proc/${pid}/stat`);
  return (utime + stime) / CLK_TCK;
}

/** Resident set size in bytes, from VmRSS of /proc/<pid>/status. */
export function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  if (!match?.[1]) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(match[1]) * 1024;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * RSS once the process is idle: a GC cannot be forced from outside, so wait `settleMs`, then take
 * `samples` readings `intervalMs` apart and keep the smallest.
 */
export async function settledRss(
  pid: number,
  {
    settleMs = 1500,
    samples = 5,
    intervalMs = 300,
  }: { settleMs?: number; samples?: number; intervalMs?: number } = {},
): Promise<{ min: number; samples: number[] }> {
  await sleep(settleMs);
  const readings: number[] = [];
  for (let i = 0; i < samples; i++) {
    if (i > 0) await sleep(intervalMs);
    readings.push(rssBytes(pid));
  }
  return { min: Math.min(...readings), samples: readings };
}

export const MB = 1024 * 1024;

/**
 * The lowest RSS while the process sits idle for `windowMs` (`min`), sampled every `intervalMs`
 * from now. V8 hands its young generation's pages back only when its memory reducer runs, 10 to
 * 40 s after the last burst of allocation and at a moment of its own, so `min` may or may not
 * include that: the benchmark judges the reading taken the moment a load ends, and shows this.
 */
export async function idleRss(
  pid: number,
  { windowMs, intervalMs = 500 }: { windowMs: number; intervalMs?: number },
): Promise<{ min: number; samples: number[] }> {
  const readings: number[] = [rssBytes(pid)];
  const started = performance.now();
  while (performance.now() - started < windowMs) {
    await sleep(intervalMs);
    readings.push(rssBytes(pid));
  }
  return { min: Math.min(...readings), samples: readings };
}
