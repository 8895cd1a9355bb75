import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { RECORD_TTL_MS } from '../src/orders/records.js';
import { SqliteAdapter } from '../src/store/sqlite.js';

export interface StoreCount {
  rows: number;
  /** Rows per key prefix (`order:`, `open:`, `draft:`, `budget:`, …). */
  byPrefix: Record<string, number>;
  /** Bytes of the database's pages in use (page_count − freelist_count; the file does not shrink without VACUUM). */
  bytes: number;
}

export interface RecordStoreFigures {
  before: StoreCount;
  after: StoreCount;
  /** Rows the bot's own purge removed. */
  purged: number;
  /** How far the clock was moved for the purge. */
  clockAheadMs: number;
}

function count(db: Database.Database): Omit<StoreCount, 'bytes'> {
  const rows = db
    .prepare<[], { prefix: string; n: number }>(
      "SELECT CASE WHEN instr(key, ':') > 0 THEN substr(key, 1, instr(key, ':')) ELSE key END AS prefix, COUNT(*) AS n FROM kv GROUP BY prefix ORDER BY prefix",
    )
    .all();
  const byPrefix: Record<string, number> = {};
  let total = 0;
  for (const row of rows) {
    byPrefix[row.prefix] = row.n;
    total += row.n;
  }
  return { rows: total, byPrefix };
}

function bytes(db: Database.Database): number {
  const pages = db.pragma('page_count', { simple: true }) as number;
  const free = db.pragma('freelist_count', { simple: true }) as number;
  const size = db.pragma('page_size', { simple: true }) as number;
  return (pages - free) * size;
}

/**
 * Counts the bot's record store while the bot runs (read-only; the file is in WAL mode), then shows
 * expiry without waiting 24 hours: a consistent copy is purged by the bot's own code
 * (`SqliteAdapter.purge`) with its clock moved past the records' lifetime, and counted again.
 */
export async function measureRecordStore(storePath: string, scratchDir: string): Promise<RecordStoreFigures> {
  const live = new Database(storePath, { readonly: true, fileMustExist: true });
  const copyPath = join(scratchDir, 'records-copy.sqlite');
  let before: StoreCount;
  try {
    before = { ...count(live), bytes: bytes(live) };
    rmSync(copyPath, { force: true });
    await live.backup(copyPath);
  } finally {
    live.close();
  }
  const clockAheadMs = RECORD_TTL_MS + 60_000;
  const adapter = new SqliteAdapter(copyPath, () => Date.now() + clockAheadMs);
  let purged: number;
  try {
    purged = adapter.purge();
  } finally {
    await adapter.disconnect();
  }
  const copy = new Database(copyPath, { readonly: true, fileMustExist: true });
  let after: StoreCount;
  try {
    after = { ...count(copy), bytes: bytes(copy) };
  } finally {
    copy.close();
  }
  return { before, after, purged, clockAheadMs };
}
