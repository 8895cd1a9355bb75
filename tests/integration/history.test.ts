import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { OrderHistory } from '../../src/orders/history.js';
import { OrderRecords, type OrderRecord } from '../../src/orders/records.js';
import type { ClaimableAdapter } from '../../src/store/adapter.js';
import { Kv } from '../../src/store/kv.js';
import { SqliteAdapter } from '../../src/store/sqlite.js';
import { connectRedis } from './redis.js';

const DAY = 24 * 60 * 60 * 1000;
const logger = pino({ level: 'silent' });
const folders: string[] = [];
const opened: ClaimableAdapter[] = [];

afterAll(async () => {
  for (const adapter of opened) await adapter.disconnect();
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

const backends = [
  {
    name: 'sqlite',
    make: () => {
      const folder = mkdtempSync(join(tmpdir(), 'lrr-history-'));
      folders.push(folder);
      return Promise.resolve(new SqliteAdapter(join(folder, 'bot.sqlite')));
    },
  },
  {
    name: 'redis',
    make: () => connectRedis('historytest'),
  },
];

let sequence = 0;
function placed(userId: string, createdAt: number, status = 'pending'): OrderRecord {
  sequence += 1;
  const code = `INV-${sequence}`;
  return {
    key: `discord-${sequence}-${userId}-1`,
    state: 'placed',
    userId,
    createdAt,
    body: { order_type: 'gamepass', roblox_username: `User${sequence}` },
    invoice: {
      code,
      url: `https://leuwongrr.online/user/invoice/${code}`,
      formattedAmount: 'Rp16.500',
      amount: '16500',
      currency: 'IDR',
      paymentStatus: status,
      paymentMethod: undefined,
      orderType: 'gamepass',
      robloxUsername: undefined,
      environment: 'production',
      idempotent: false,
    },
  } as unknown as OrderRecord;
}

describe.each(backends)('the order history on $name', (backend) => {
  const setup = async () => {
    const adapter = await backend.make();
    opened.push(adapter);
    const kv = new Kv(adapter);
    const records = new OrderRecords(kv, () => Date.now());
    return { kv, records, history: new OrderHistory(kv, () => Date.now(), 30 * DAY, logger) };
  };

  it("lists only the user's own orders, newest first, with the paid status once heard", async () => {
    const { history } = await setup();
    const now = Date.now();
    const older = placed('1001', now - 2 * DAY);
    const newer = placed('1001', now - 1000);
    const someoneElse = placed('1002', now - 500);
    for (const record of [older, someoneElse, newer]) await history.hear({ kind: 'created', record });
    await history.hear({ kind: 'refused', record: placed('1001', now) });

    expect((await history.list('1001')).map((e) => e.code)).toEqual([
      newer.invoice!.code,
      older.invoice!.code,
    ]);
    expect((await history.list('1002')).map((e) => e.code)).toEqual([someoneElse.invoice!.code]);
    expect(await history.list('100')).toEqual([]);

    await history.hear({ kind: 'paid', record: older });
    const [, paid] = await history.list('1001');
    expect(paid).toMatchObject({
      code: older.invoice!.code,
      paymentStatus: 'paid',
      robloxUsername: older.body.roblox_username,
    });
  });

  it('keeps the last status the store gave, beyond the order’s record', async () => {
    const { history, records } = await setup();
    const record = placed('2001', Date.now());
    await records.save(record);
    await history.hear({ kind: 'created', record });
    record.invoice!.paymentStatus = 'expired';
    await history.hear({ kind: 'status', record });
    await records.remove(record.key);
    expect((await history.list('2001'))[0]?.paymentStatus).toBe('expired');
  });

  it('keeps an order for ORDER_HISTORY_DAYS only', async () => {
    const { history } = await setup();
    await history.hear({ kind: 'created', record: placed('3001', Date.now() - 31 * DAY) });
    const expiring = placed('3001', Date.now() - 30 * DAY + 300);
    await history.hear({ kind: 'created', record: expiring });
    expect((await history.list('3001')).map((e) => e.code)).toEqual([expiring.invoice!.code]);
    const deadline = Date.now() + 5000;
    while ((await history.list('3001')).length > 0) {
      if (Date.now() > deadline) throw new Error('the entry outlived its retention');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });
});
