/** How the image check's TypeScript halves (driver.ts, contents.ts) print a line and a check. */

export function say(text: string): void {
  process.stdout.write(`${text}\n`);
}

/** Prints `ok  what`, or throws `check failed: what`, which the script prints as FAIL and exits 1. */
export function check(condition: boolean, what: string): void {
  if (!condition) throw new Error(`check failed: ${what}`);
  say(`  ok  ${what}`);
}
