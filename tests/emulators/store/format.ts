/** Formatting helpers shared by the emulator's handlers. */

const JAKARTA_OFFSET_MS = 7 * 60 * 60 * 1000;

/** 15000 → "Rp15.000" */
export function formatRupiah(amount: number): string {
  const sign = amount < 0 ? '-' : '';
  const digits = String(Math.abs(Math.trunc(amount))).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${sign}Rp${digits}`;
}

/** "user@example.com" → "us***@example.com" */
export function maskEmail(email: string): string {
  const at = email.indexOf('@');
  if (at < 0) return `${email.slice(0, 2)}***`;
  return `${email.slice(0, Math.min(2, at))}***${email.slice(at)}`;
}

function jakartaParts(ms: number): { date: string; time: string } {
  const iso = new Date(ms + JAKARTA_OFFSET_MS).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 19) };
}

/** "2026-05-01 09:00:00" in Asia/Jakarta, like the store's Laravel timestamps. */
export function laravelTimestamp(ms: number): string {
  const { date, time } = jakartaParts(ms);
  return `${date} ${time}`;
}

/** "2026-04-29T09:30:00+07:00" */
export function isoJakarta(ms: number): string {
  const { date, time } = jakartaParts(ms);
  return `${date}T${time}+07:00`;
}

/** "20260501" in Asia/Jakarta. */
export function invoiceDate(ms: number): string {
  return jakartaParts(ms).date.replaceAll('-', '');
}

/** Deterministic price from the pass id. */
export function priceFor(passId: number): { robux: number; amount: number } {
  const robux = 10 + (passId % 990);
  return { robux, amount: robux * 150 };
}
