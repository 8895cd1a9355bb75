import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** /proc/<pid>/stat counts CPU time in USER_HZ ticks, which Linux fixes at 100 per second. */
const TICKS_PER_SECOND = 100;

/** User + system CPU seconds of a process, all its threads (/proc/<pid>/stat, fields 14 and 15). */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces: count the fields after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  if (!Number.isFinite(ticks)) throw new Error(`cannot read the CPU time in /proc/${pid}/stat`);
  return ticks / TICKS_PER_SECOND;
}

/** Resident set size in bytes (VmRSS of /proc/<pid>/status). */
export function rssBytes(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (match?.[1] === undefined) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(match[1]) * 1024;
}

/**
 * Waits until the process is idle: no CPU tick over one 250 ms interval (it has finished the
 * work it was sent, its collections included), or 10 s have passed. Idle processes still wake
 * for timers and heartbeats, so this is a condition on the process, never a fixed pause.
 */
export async function settle(pid: number): Promise<void> {
  const deadline = performance.now() + 10_000;
  let before = cpuSeconds(pid);
  while (performance.now() < deadline) {
    await sleep(250);
    const now = cpuSeconds(pid);
    if (now === before) return;
    before = now;
  }
}

/**
 * The lowest RSS of each process over `windowMs` in which they sit idle, read every 500 ms. V8
 * hands a load's garbage back to the system only when its memory reducer runs, some 10 to 20 s
 * after the load, at a moment of its own: a single reading would mostly measure how much garbage
 * was still waiting for it.
 */
export async function lowestRss(pids: readonly number[], windowMs: number): Promise<number[]> {
  const lowest = pids.map(rssBytes);
  for (const end = performance.now() + windowMs; performance.now() < end;) {
    await sleep(500);
    for (const [i, pid] of pids.entries()) lowest[i] = Math.min(lowest[i] ?? Infinity, rssBytes(pid));
  }
  return lowest;
}

/** `work`'s result, and the highest RSS of the process while it ran, read every 100 ms. */
export async function peakRssDuring<T>(pid: number, work: Promise<T>): Promise<{ result: T; peak: number }> {
  let peak = rssBytes(pid);
  const timer = setInterval(() => {
    peak = Math.max(peak, rssBytes(pid));
  }, 100);
  try {
    const result = await work;
    return { result, peak: Math.max(peak, rssBytes(pid)) };
  } finally {
    clearInterval(timer);
  }
}
