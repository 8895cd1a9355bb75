/** The window every per-minute limit counts in: a slot is held this long once claimed. */
export const WINDOW_MS = 60_000;

/** Whole seconds from `now` until `time` (both ms), at least 1: what a user is told to wait. */
export function secondsUntil(time: number, now: number): number {
  return Math.max(1, Math.ceil((time - now) / 1000));
}
