import { ButtonStyle } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { english } from '../../src/messages/en.js';
import { clampPage, renderHistory, type HistoryView } from '../../src/messages/history.js';
import { indonesian } from '../../src/messages/id.js';
import type { HistoryEntry } from '../../src/orders/history.js';

const API = 'https://leuwongrr.online/api/v1';

const entry = (n: number, extra: Partial<HistoryEntry> = {}): HistoryEntry => ({
  key: `discord-${n}-1-1`,
  createdAt: 1_700_000_000_000 - n * 1000,
  code: `INV-${n}`,
  url: `https://leuwongrr.online/user/invoice/INV-${n}`,
  orderType: 'gamepass',
  robloxUsername: `User${n}`,
  formattedAmount: 'Rp16.500',
  amount: '16500',
  currency: 'IDR',
  paymentStatus: 'pending',
  sandbox: false,
  ...extra,
});

const view = (entries: HistoryEntry[], page = 0): HistoryView => ({
  entries,
  page,
  days: 30,
  apiUrl: API,
  pageId: (p) => `orders-page:1:42:${p}`,
});

describe('renderHistory', () => {
  it('says so, friendly and localized, when there is no order', () => {
    expect(renderHistory(view([]), english).content).toBe(english.history.empty(30));
    expect(renderHistory(view([]), indonesian).content).toContain('Ketik /order');
  });

  it('shows five orders a page with their facts, one link button each, and Previous / Next', () => {
    const entries = Array.from({ length: 7 }, (_, i) => entry(i + 1));
    const first = renderHistory(view(entries), english);
    const fields = first.embeds?.[0]?.fields ?? [];
    expect(fields.map((f) => f.name)).toEqual(['1. INV-1', '2. INV-2', '3. INV-3', '4. INV-4', '5. INV-5']);
    expect(fields[0]?.value).toBe('Gamepass · User1 · Rp16.500 · Waiting for payment');
    expect(first.embeds?.[0]?.title).toBe('Your orders (page 1 of 2)');
    const [links, pager] = first.components ?? [];
    expect(links?.components.map((b) => ('url' in b ? b.url : undefined))).toEqual(
      entries.slice(0, 5).map((e) => e.url),
    );
    expect(pager?.components).toMatchObject([
      { label: 'Previous', custom_id: 'orders-page:1:42:0', disabled: true },
      { label: 'Next', custom_id: 'orders-page:1:42:1', disabled: false },
    ]);

    const second = renderHistory(view(entries, 1), indonesian);
    expect(second.embeds?.[0]?.title).toBe('Pesanan kamu (halaman 2 dari 2)');
    expect(second.embeds?.[0]?.fields?.map((f) => f.name)).toEqual(['6. INV-6', '7. INV-7']);
    expect(second.components?.[1]?.components).toMatchObject([
      { label: 'Sebelumnya', custom_id: 'orders-page:1:42:0', disabled: false },
      { label: 'Berikutnya', custom_id: 'orders-page:1:42:1', disabled: true },
    ]);
  });

  it('links only to the store itself, and shows store text as plain text', () => {
    const reply = renderHistory(
      view([
        entry(1, { url: 'https://evil.example/pay', robloxUsername: '**bold**', paymentStatus: 'paid' }),
      ]),
      english,
    );
    expect(JSON.stringify(reply)).not.toContain('evil.example');
    expect(reply.components).toEqual([]);
    expect(reply.embeds?.[0]?.fields?.[0]?.value).toBe('Gamepass · \\*\\*bold\\*\\* · Rp16.500 · Paid');
    expect(renderHistory(view([entry(1)]), english).components?.[0]?.components[0]).toMatchObject({
      style: ButtonStyle.Link,
      label: 'Open INV-1',
    });
  });

  it('brings a page beyond the end back to the last one', () => {
    expect(clampPage(9, 7)).toBe(1);
    expect(clampPage(0, 0)).toBe(0);
    expect(clampPage(2, 10)).toBe(1);
  });
});
