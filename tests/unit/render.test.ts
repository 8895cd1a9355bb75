import { ButtonStyle, ComponentType, TextInputStyle, type APIEmbed } from 'discord-api-types/v10';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildOrderModal } from '../../commands/order/modal.js';
import {
  ExpiredInteractionError,
  RefusalError,
  UpstreamError,
  UserInputError,
  type FieldProblem,
  type RefusalKind,
  type UpstreamKind,
} from '../../src/errors.js';
import { english } from '../../src/messages/en.js';
import {
  renderError,
  renderInputProblems,
  renderStaleForm,
  renderRefusal,
  renderRejected,
  renderUnknown,
  renderUpstream,
} from '../../src/messages/errors.js';
import { indonesian } from '../../src/messages/id.js';
import type { Messages } from '../../src/messages/index.js';
import { renderAccount } from '../../src/messages/account.js';
import { isTrustedInvoiceUrl, renderInvoice, type InvoiceView } from '../../src/messages/invoice.js';
import { formatAmount } from '../../src/messages/money.js';
import { plainText } from '../../src/messages/plain.js';
import { renderStaffLog, type StaffLogView } from '../../src/messages/staff-log.js';
import type { RecordedError } from '../../src/errors.js';

const langs: ['en' | 'id', Messages][] = [
  ['en', english],
  ['id', indonesian],
];
const en: Messages = english;
const API = 'https://leuwongrr.online/api/v1';
const REF = '1262024148939440249';
const NOW = 1_700_000_000_000;

const view = (overrides: Partial<InvoiceView> = {}): InvoiceView => ({
  code: 'INV202605010001',
  url: 'https://leuwongrr.online/user/invoice/INV202605010001',
  formattedAmount: 'Rp16.500',
  amount: '16500',
  currency: 'IDR',
  paymentStatus: 'pending',
  paymentMethod: 'invoice',
  environment: 'production',
  idempotent: false,
  orderType: 'gamepass',
  robloxUsername: 'LeuwongUser',
  payment: 'invoice',
  checkedAt: undefined,
  checkCustomId: undefined,
  ...overrides,
});

function theEmbed(payload: { embeds?: APIEmbed[] }): APIEmbed {
  expect(payload.embeds).toHaveLength(1);
  return payload.embeds![0]!;
}

function field(embed: APIEmbed, name: string): string | undefined {
  return embed.fields?.find((f) => f.name === name)?.value;
}

/** Discord's embed limits: title 256, description 4096, 25 fields, name 256, value 1..1024, footer 2048, total 6000. */
function expectWithinEmbedLimits(embed: APIEmbed): void {
  expect(embed.title?.length ?? 0).toBeLessThanOrEqual(256);
  expect(embed.description?.length ?? 0).toBeLessThanOrEqual(4096);
  expect(embed.fields?.length ?? 0).toBeLessThanOrEqual(25);
  let total =
    (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.footer?.text.length ?? 0);
  for (const f of embed.fields ?? []) {
    expect(typeof f.value).toBe('string');
    expect(f.name.length).toBeLessThanOrEqual(256);
    expect(f.value.length).toBeGreaterThanOrEqual(1);
    expect(f.value.length).toBeLessThanOrEqual(1024);
    total += f.name.length + f.value.length;
  }
  expect(embed.footer?.text.length ?? 0).toBeLessThanOrEqual(2048);
  expect(total).toBeLessThanOrEqual(6000);
}

describe('renderInvoice', () => {
  describe.each(langs)('in %s', (_lang, m) => {
    it('shows the invoice code, amount, status, method, order type and username', () => {
      const embed = theEmbed(renderInvoice(view(), m, true));
      expect(embed.title).toBe(m.invoice.title('INV202605010001'));
      expect(embed.description).toBe(m.invoice.created);
      expect(field(embed, m.invoice.amount)).toBe('Rp16.500');
      expect(field(embed, m.invoice.paymentStatus)).toBe(m.invoice.status.pending);
      expect(field(embed, m.invoice.paymentMethod)).toBe(m.invoice.method.invoice);
      expect(field(embed, m.invoice.orderType)).toBe(m.orderType.gamepass);
      expect(field(embed, m.invoice.username)).toBe('LeuwongUser');
      expect(embed.footer).toBeUndefined();
    });

    it('puts Check payment beside Open invoice, and says when the status was checked', () => {
      const checked = renderInvoice(
        view({ checkCustomId: 'pay-check:1:9:8:1', checkedAt: NOW, paymentStatus: 'paid' }),
        m,
        true,
      );
      const row = checked.components?.[0]?.components ?? [];
      expect(row.map((b) => ('label' in b ? b.label : undefined))).toEqual([
        m.invoice.payButton,
        m.invoice.checkButton,
      ]);
      expect(row[1]).toMatchObject({ style: ButtonStyle.Secondary, custom_id: 'pay-check:1:9:8:1' });
      const embed = theEmbed(checked);
      expect(embed.description).toBe(`${m.invoice.created}\n${m.invoice.checkedAt('<t:1700000000:R>')}`);
      expect(field(embed, m.invoice.paymentStatus)).toBe(m.invoice.status.paid);

      const untrusted = renderInvoice(view({ checkCustomId: 'pay-check:1:9:8:1' }), m, false);
      expect(untrusted.components?.[0]?.components.map((b) => ('label' in b ? b.label : undefined))).toEqual([
        m.invoice.checkButton,
      ]);
    });

    it('shows a link button to the invoice only when the link is trusted', () => {
      const trusted = renderInvoice(view(), m, true);
      expect(trusted.components).toEqual([
        {
          type: ComponentType.ActionRow,
          components: [
            {
              type: ComponentType.Button,
              style: ButtonStyle.Link,
              label: m.invoice.payButton,
              url: 'https://leuwongrr.online/user/invoice/INV202605010001',
            },
          ],
        },
      ]);
      expect(theEmbed(trusted).description).not.toContain(m.invoice.noLink);

      const untrusted = renderInvoice(view({ url: 'https://evil.example/pay' }), m, false);
      expect(untrusted.components).toEqual([]);
      expect(JSON.stringify(untrusted)).not.toContain('evil.example');
      expect(theEmbed(untrusted).description).toBe(`${m.invoice.created}\n${m.invoice.noLink}`);
    });

    it('marks a sandbox invoice by the environment', () => {
      const embed = theEmbed(renderInvoice(view({ environment: 'sandbox' }), m, true));
      expect(embed.footer?.text).toContain(m.invoice.sandbox);
      expect(embed.color).not.toBe(theEmbed(renderInvoice(view(), m, true)).color);
    });

    it('marks a sandbox invoice by its SBX- code even when the environment is missing or says production', () => {
      for (const environment of [undefined, 'production'] as const) {
        const embed = theEmbed(renderInvoice(view({ code: 'SBX-INV-1', environment }), m, true));
        expect(embed.footer?.text).toContain(m.invoice.sandbox);
      }
    });

    it('does not mark a production invoice, nor one with an unknown environment', () => {
      expect(theEmbed(renderInvoice(view({ environment: undefined }), m, true)).footer).toBeUndefined();
      expect(theEmbed(renderInvoice(view({ code: 'INV-SBX-1' }), m, true)).footer).toBeUndefined();
    });

    it('says so when the store returned an existing invoice for the same Idempotency-Key', () => {
      expect(theEmbed(renderInvoice(view({ idempotent: true }), m, true)).description).toBe(
        m.invoice.existing,
      );
      expect(
        theEmbed(renderInvoice(view({ idempotent: true, payment: 'balance' }), m, true)).description,
      ).toBe(m.invoice.existing);
    });

    it('says a balance order is already paid', () => {
      const embed = theEmbed(
        renderInvoice(view({ payment: 'balance', paymentMethod: 'balance', paymentStatus: 'paid' }), m, true),
      );
      expect(embed.description).toBe(m.invoice.createdBalance);
      expect(field(embed, m.invoice.paymentMethod)).toBe(m.invoice.method.balance);
      expect(field(embed, m.invoice.paymentStatus)).toBe(m.invoice.status.paid);
    });

    it('shows the order type of a VIP server order', () => {
      const embed = theEmbed(renderInvoice(view({ orderType: 'vip_server' }), m, true));
      expect(field(embed, m.invoice.orderType)).toBe(m.orderType.vip_server);
    });
  });

  describe('amounts, as the store formatted them', () => {
    it('shows formatted_amount verbatim, never recomputing it', () => {
      for (const formatted of ['Rp348', 'Rp16.500', 'Rp 1.234.567,89', 'IDR 5,000']) {
        const embed = theEmbed(renderInvoice(view({ formattedAmount: formatted, amount: '1' }), en, true));
        expect(field(embed, en.invoice.amount)).toBe(formatted);
      }
    });

    it('falls back to currency and amount, then to the amount alone, then to a dash', () => {
      const amount = (v: Partial<InvoiceView>) =>
        field(
          theEmbed(renderInvoice(view({ formattedAmount: undefined, ...v }), en, true)),
          en.invoice.amount,
        );
      expect(amount({ amount: '348', currency: 'IDR' })).toBe('IDR 348');
      expect(amount({ amount: '348', currency: undefined })).toBe('348');
      expect(amount({ amount: undefined, currency: 'IDR' })).toBe('-');
    });

    it('writes an unformatted amount the Indonesian way in Indonesian, and grouped in English', () => {
      const amount = (m: Messages, v: Partial<InvoiceView>) =>
        field(theEmbed(renderInvoice(view({ formattedAmount: undefined, ...v }), m, true)), m.invoice.amount);
      expect(amount(indonesian, { amount: '16500', currency: 'IDR' })).toBe('Rp16.500');
      expect(amount(indonesian, { amount: '1234567.50', currency: 'IDR' })).toBe('Rp1.234.567,50');
      expect(amount(indonesian, { amount: '16500.00', currency: 'idr' })).toBe('Rp16.500');
      expect(amount(indonesian, { amount: '348', currency: undefined })).toBe('348');
      expect(amount(indonesian, { amount: '5000', currency: 'USD' })).toBe('USD 5.000');
      expect(amount(en, { amount: '16500', currency: 'IDR' })).toBe('IDR 16,500');
      expect(amount(en, { amount: '1234567.50', currency: 'IDR' })).toBe('IDR 1,234,567.50');
      expect(amount(en, { amount: 'about 5k', currency: 'IDR' })).toBe('IDR about 5k');
      expect(amount(indonesian, { formattedAmount: 'IDR 16500', amount: '16500' })).toBe('IDR 16500');
    });
  });

  describe('formatAmount', () => {
    it.each([
      ['1000000', 'IDR', 'id', 'Rp1.000.000'],
      ['1000000', 'IDR', 'en', 'IDR 1,000,000'],
      [' 16500 ', ' idr ', 'id', 'Rp16.500'],
      ['0', 'IDR', 'id', 'Rp0'],
      ['007', 'IDR', 'id', 'Rp7'],
      ['999', 'IDR', 'id', 'Rp999'],
      ['1500.5', 'IDR', 'id', 'Rp1.500,5'],
      ['1500.5', 'IDR', 'en', 'IDR 1,500.5'],
      ['12000', undefined, 'id', '12.000'],
      ['12000', 'USD', 'id', 'USD 12.000'],
      ['12k', 'IDR', 'id', 'IDR 12k'],
    ] as const)('writes %j %j in %s as %j', (amount, currency, style, expected) => {
      expect(formatAmount(amount, currency, style)).toBe(expected);
    });
  });

  describe('statuses and methods', () => {
    it('shows an unknown payment status or method as the store sent it', () => {
      const embed = theEmbed(
        renderInvoice(view({ paymentStatus: 'awaiting_review', paymentMethod: 'qris' }), en, true),
      );
      expect(field(embed, en.invoice.paymentStatus)).toBe('awaiting\\_review');
      expect(field(embed, en.invoice.paymentMethod)).toBe('qris');
    });

    it('shows a dash when the store sent no payment status', () => {
      const embed = theEmbed(renderInvoice(view({ paymentStatus: undefined }), en, true));
      expect(field(embed, en.invoice.paymentStatus)).toBe('-');
    });

    it('says the method is chosen on the invoice page when the store sent none (or an empty one)', () => {
      for (const paymentMethod of [undefined, '']) {
        const embed = theEmbed(renderInvoice(view({ paymentMethod }), en, true));
        expect(field(embed, en.invoice.paymentMethod)).toBe(en.invoice.method.none);
      }
      const balance = theEmbed(
        renderInvoice(view({ paymentMethod: undefined, payment: 'balance' }), en, true),
      );
      expect(field(balance, en.invoice.paymentMethod)).toBe(en.invoice.method.balance);
    });

    it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'])(
      'shows a status or method named like an Object property (%s) as plain text',
      (name) => {
        const embed = theEmbed(renderInvoice(view({ paymentStatus: name, paymentMethod: name }), en, true));
        expect(field(embed, en.invoice.paymentStatus)).toBe(plainText(name));
        expect(field(embed, en.invoice.paymentMethod)).toBe(plainText(name));
        expectWithinEmbedLimits(embed);
      },
    );
  });

  describe('store text, shown as sent and never as markdown', () => {
    const HOSTILE = '[Pay here](https://evil.example)';

    it('escapes a masked link in every field the store fills, and in the title', () => {
      const embed = theEmbed(
        renderInvoice(
          view({
            code: `INV ${HOSTILE}`,
            formattedAmount: HOSTILE,
            paymentStatus: HOSTILE,
            paymentMethod: HOSTILE,
            robloxUsername: HOSTILE,
          }),
          en,
          true,
        ),
      );
      const escaped = '\\[Pay here\\](https\\://evil.example)';
      for (const name of [
        en.invoice.amount,
        en.invoice.paymentStatus,
        en.invoice.paymentMethod,
        en.invoice.username,
      ]) {
        expect(field(embed, name)).toBe(escaped);
      }
      expect(embed.title).toContain(`INV ${escaped}`);
      expect(JSON.stringify(embed)).not.toMatch(/[^\\]\[Pay here/);
    });

    it('escapes the fallback amount (currency and number) too', () => {
      const embed = theEmbed(
        renderInvoice(view({ formattedAmount: undefined, currency: '@everyone', amount: '**9**' }), en, true),
      );
      expect(field(embed, en.invoice.amount)).toBe('\\@EVERYONE \\*\\*9\\*\\*');
    });

    it('keeps the catalogue’s own words for known statuses and methods', () => {
      const embed = theEmbed(
        renderInvoice(view({ paymentStatus: 'paid', paymentMethod: 'balance' }), en, true),
      );
      expect(field(embed, en.invoice.paymentStatus)).toBe(en.invoice.status.paid);
      expect(field(embed, en.invoice.paymentMethod)).toBe(en.invoice.method.balance);
    });

    it('escapes the balance and the account status /account shows', () => {
      const reply = renderAccount(
        {
          environment: 'production',
          accountStatus: 'on_hold_',
          prefix: 'lrrp_v1_',
          balance: { formatted: `${HOSTILE} @everyone`, amount: undefined, currency: undefined },
        },
        en,
      );
      expect(reply.content).toContain('\\[Pay here\\](https\\://evil.example) \\@everyone');
      expect(reply.content).toContain('on\\_hold\\_');
    });
  });

  describe('Discord limits', () => {
    it('truncates every long value the store sent', () => {
      const long = (c: string) => c.repeat(5000);
      const payload = renderInvoice(
        view({
          code: long('C'),
          formattedAmount: long('A'),
          paymentStatus: long('S'),
          paymentMethod: long('M'),
          robloxUsername: long('U'),
          environment: 'sandbox',
        }),
        en,
        true,
      );
      const embed = theEmbed(payload);
      expectWithinEmbedLimits(embed);
      expect(embed.title?.endsWith('…')).toBe(true);
    });

    it('drops the link button (and says where to find the invoice) when the URL is longer than Discord allows', () => {
      const url = `https://leuwongrr.online/user/invoice/${'x'.repeat(600)}`;
      const payload = renderInvoice(view({ url }), en, true);
      expect(payload.components).toEqual([]);
      expect(theEmbed(payload).description).toContain(en.invoice.noLink);
    });

    it('shows "-" for a value that is empty or only whitespace: Discord refuses the whole message for an empty field', () => {
      // Found by the property below: amount "\t" without a currency rendered an empty field.
      const payload = renderInvoice(
        view({
          formattedAmount: undefined,
          amount: '\t',
          currency: undefined,
          paymentStatus: ' ',
          paymentMethod: '\n',
          robloxUsername: '  ',
        }),
        en,
        true,
      );
      const embed = theEmbed(payload);
      expectWithinEmbedLimits(embed);
      expect(field(embed, en.invoice.amount)).toBe('-');
      expect(field(embed, en.invoice.paymentStatus)).toBe('-');
      expect(field(embed, en.invoice.paymentMethod)).toBe('-');
      expect(field(embed, en.invoice.username)).toBe('-');
    });

    it('stays within the embed limits whatever the store sent', () => {
      const text = fc.string({ unit: 'binary', minLength: 1, maxLength: 3000 });
      fc.assert(
        fc.property(
          fc.record({
            code: text,
            formattedAmount: fc.option(text, { nil: undefined }),
            amount: fc.option(text, { nil: undefined }),
            currency: fc.option(text, { nil: undefined }),
            paymentStatus: fc.option(text, { nil: undefined }),
            paymentMethod: fc.option(text, { nil: undefined }),
            robloxUsername: text,
            idempotent: fc.boolean(),
          }),
          fc.boolean(),
          fc.constantFrom(...langs),
          (fields, trusted, [, m]) => {
            const payload = renderInvoice(view(fields), m, trusted);
            expectWithinEmbedLimits(theEmbed(payload));
            expect(payload.components?.length).toBe(trusted ? 1 : 0);
          },
        ),
        { numRuns: 150 },
      );
    });
  });
});

describe('isTrustedInvoiceUrl', () => {
  it.each([
    'https://leuwongrr.online/user/invoice/INV202605010001',
    'https://leuwongrr.online/',
    'https://LEUWONGRR.ONLINE/user/invoice/INV1',
    'https://leuwongrr.online:443/user/invoice/INV1',
    'https://leuwongrr.online/user/invoice/INV1?download=1#top',
  ])('trusts %s (same scheme and host as the API)', (url) => {
    expect(isTrustedInvoiceUrl(url, API)).toBe(true);
  });

  it.each([
    ['plain http', 'http://leuwongrr.online/user/invoice/INV1'],
    ['another port', 'https://leuwongrr.online:8443/user/invoice/INV1'],
    ['another host', 'https://evil.example/user/invoice/INV1'],
    ['a lookalike host', 'https://leuwongrr.online.evil.com/user/invoice/INV1'],
    ['a lookalike host with a dash', 'https://leuwongrr-online.com/user/invoice/INV1'],
    ['a subdomain', 'https://pay.leuwongrr.online/user/invoice/INV1'],
    ['a prefixed host', 'https://evilleuwongrr.online/user/invoice/INV1'],
    ['the store as user info', 'https://leuwongrr.online@evil.com/user/invoice/INV1'],
    ['a javascript: URL', 'javascript:alert(document.cookie)'],
    ['a data: URL', 'data:text/html,<script>alert(1)</script>'],
    ['a relative path', '/user/invoice/INV1'],
    ['a scheme-relative URL', '//leuwongrr.online/user/invoice/INV1'],
    ['garbage', 'not a url'],
    ['nothing', ''],
  ])('does not trust %s', (_what, url) => {
    expect(isTrustedInvoiceUrl(url, API)).toBe(false);
  });

  it('compares the port too', () => {
    const local = 'http://127.0.0.1:8080/api/v1';
    expect(isTrustedInvoiceUrl('http://127.0.0.1:8080/user/invoice/SBX-1', local)).toBe(true);
    expect(isTrustedInvoiceUrl('http://127.0.0.1:8081/user/invoice/SBX-1', local)).toBe(false);
    expect(isTrustedInvoiceUrl('http://127.0.0.1/user/invoice/SBX-1', local)).toBe(false);
    expect(isTrustedInvoiceUrl('https://127.0.0.1:8080/user/invoice/SBX-1', local)).toBe(false);
  });

  it('trusts nothing when the API URL itself is malformed', () => {
    expect(isTrustedInvoiceUrl('https://leuwongrr.online/x', 'leuwongrr.online')).toBe(false);
    expect(isTrustedInvoiceUrl('https://leuwongrr.online/x', '')).toBe(false);
  });
});

const recorded = (kind: UpstreamKind, extra: Partial<RecordedError> = {}): RecordedError => ({
  kind,
  status: undefined,
  code: undefined,
  fields: [],
  retryAfterSeconds: undefined,
  ...extra,
});

const ALL_KINDS: UpstreamKind[] = [
  'link_required',
  'insufficient_balance',
  'roblox_validation',
  'validation',
  'unauthorized',
  'forbidden',
  'rate_limited',
  'unavailable',
  'conflict',
  'bad_response',
  'other',
];

describe('renderUpstream', () => {
  describe.each(langs)('in %s', (_lang, m) => {
    it.each([
      ['link_required', m.errors.linkRequired],
      ['insufficient_balance', m.errors.insufficientBalance],
      ['roblox_validation', m.errors.robloxValidation],
      ['validation', m.errors.validation],
      ['unauthorized', m.errors.misconfigured(REF)],
      ['forbidden', m.errors.misconfigured(REF)],
      ['other', m.errors.misconfigured(REF)],
      ['rate_limited', m.errors.rateLimited(5)],
      ['unavailable', m.errors.unknownOutcome],
      ['conflict', m.errors.unknownOutcome],
      ['bad_response', m.errors.unknownOutcome],
    ] as [UpstreamKind, string][])('explains %s', (kind, expected) => {
      expect(renderUpstream(recorded(kind), m, REF)).toBe(expected);
    });

    it('covers every kind with a non-empty text', () => {
      for (const kind of ALL_KINDS) expect(renderUpstream(recorded(kind), m, REF).length).toBeGreaterThan(0);
    });

    it('says how long to wait when rate limited', () => {
      expect(renderUpstream(recorded('rate_limited', { retryAfterSeconds: 42 }), m, REF)).toBe(
        m.errors.rateLimited(42),
      );
    });

    it('names the refused fields in the words of the modal', () => {
      const text = renderUpstream(
        recorded('validation', { fields: ['roblox_username', 'place_id', 'roblox_pass_id', 'order_type'] }),
        m,
        REF,
      );
      expect(text).toBe(
        m.errors.validationFields(
          [m.input.field.username, m.input.field.place, m.input.field.gamepass, m.input.field.orderType].join(
            ', ',
          ),
        ),
      );
      expect(renderUpstream(recorded('validation', { fields: ['gamepass_id'] }), m, REF)).toBe(
        m.errors.validationFields(m.input.field.gamepass),
      );
    });

    it('shows only safe characters of a field name it does not know', () => {
      const text = renderUpstream(
        recorded('validation', { fields: ['<b>@everyone</b>', '***', `a${'b'.repeat(100)}`] }),
        m,
        REF,
      );
      expect(text).not.toMatch(/[<>@*]/);
      expect(text).toContain('beveryoneb');
      expect(text).toContain('?');
      expect(text).not.toContain('b'.repeat(40));
    });

    it('does not show the store’s code', () => {
      for (const kind of ALL_KINDS) {
        expect(
          renderUpstream(recorded(kind, { code: 'INSUFFICIENT_BALANCE', status: 422 }), m, REF),
        ).not.toContain('INSUFFICIENT_BALANCE');
      }
    });
  });
});

const ALL_REFUSALS: RefusalKind[] = [
  { kind: 'in_progress' },
  { kind: 'cooldown', retryAfterSeconds: 30 },
  { kind: 'budget', retryAfterSeconds: 12 },
  { kind: 'read_budget', retryAfterSeconds: 7 },
  { kind: 'not_here' },
  { kind: 'missing_role' },
  { kind: 'not_yours' },
  { kind: 'form_stale' },
  { kind: 'storage_unavailable' },
  { kind: 'shutting_down' },
];

describe('renderStaleForm', () => {
  it.each(langs)(
    'in %s: says the form was not sent, with a button that opens it as a new order',
    (_lang, m) => {
      const reply = renderStaleForm(m, 'order-fix:2:9:8:1:i:g');
      expect(reply.content).toBe(m.errors.formStale);
      expect(reply.components?.[0]?.components[0]).toMatchObject({
        label: m.input.fixButton,
        custom_id: 'order-fix:2:9:8:1:i:g',
      });
    },
  );
});

describe('renderRefusal', () => {
  describe.each(langs)('in %s', (_lang, m) => {
    it.each([
      ['in_progress', m.errors.inProgress],
      ['budget', m.errors.budget(12)],
      ['read_budget', m.errors.readBudget(7)],
      ['not_here', m.errors.notHere],
      ['missing_role', m.errors.missingRole],
      ['not_yours', m.errors.notYours],
      ['form_stale', m.errors.formStale],
      ['storage_unavailable', m.errors.storageUnavailable],
      ['shutting_down', m.errors.shuttingDown],
    ])('explains %s', (kind, expected) => {
      const refusal = ALL_REFUSALS.find((r) => r.kind === kind)!;
      expect(renderRefusal(new RefusalError(refusal), m, NOW)).toBe(expected);
    });

    it('shows when a user may order or ask again as a relative Discord timestamp', () => {
      const share = new RefusalError({ kind: 'user_share', perMinute: 3, retryAfterSeconds: 42 });
      expect(renderRefusal(share, m, NOW)).toBe(m.errors.userShare(3, '<t:1700000042:R>'));
      const soon = new RefusalError({ kind: 'too_soon', retryAfterSeconds: 9 });
      expect(renderRefusal(soon, m, NOW)).toBe(m.errors.tooSoon('<t:1700000009:R>'));
    });

    it('shows the end of a cooldown as a relative Discord timestamp', () => {
      const text = renderRefusal(new RefusalError({ kind: 'cooldown', retryAfterSeconds: 30 }), m, NOW);
      expect(text).toBe(m.errors.cooldown('<t:1700000030:R>'));
      expect(text).toMatch(/<t:\d+:R>/);
    });

    it('rounds a cooldown that starts mid-second up to the next whole second', () => {
      const text = renderRefusal(new RefusalError({ kind: 'cooldown', retryAfterSeconds: 5 }), m, NOW + 1);
      expect(text).toContain('<t:1700000006:R>');
    });
  });
});

describe('renderError', () => {
  describe.each(langs)('in %s', (_lang, m) => {
    it('explains every store error like renderUpstream, with nothing else attached', () => {
      for (const kind of ALL_KINDS) {
        const error = new UpstreamError({
          kind,
          status: 422,
          code: 'SOME_CODE',
          retrySafe: false,
          definite: true,
          fields: ['place_id'],
          retryAfterSeconds: 9,
          upstreamMessage: 'Pesan internal toko yang tidak boleh tampil',
        });
        const reply = renderError(error, m, REF, NOW);
        expect(reply).toEqual({ content: renderUpstream(error, m, REF), embeds: [], components: [] });
        expect(reply.content).not.toContain('Pesan internal');
        expect(reply.content).not.toContain('SOME_CODE');
      }
    });

    it('explains every refusal like renderRefusal', () => {
      for (const refusal of ALL_REFUSALS) {
        const error = new RefusalError(refusal);
        expect(renderError(error, m, REF, NOW)).toEqual({
          content: renderRefusal(error, m, NOW),
          embeds: [],
          components: [],
        });
      }
    });

    it('says an expired form must be opened again', () => {
      expect(renderError(new ExpiredInteractionError('order version 0'), m, REF, NOW)).toEqual({
        content: m.errors.expired,
        embeds: [],
        components: [],
      });
    });

    it('lists each input problem with its field', () => {
      const problems: FieldProblem[] = [
        { field: 'username', reason: 'too_short' },
        { field: 'place', reason: 'share_link' },
        { field: 'gamepass', reason: 'place_link' },
        { field: 'orderType', reason: 'unknown' },
      ];
      const reply = renderError(new UserInputError(problems), m, REF, NOW);
      expect(reply.content).toBe(
        [
          m.input.heading,
          `• **${m.input.field.username}** ${m.input.reason.too_short}`,
          `• **${m.input.field.place}** ${m.input.reason.share_link}`,
          `• **${m.input.field.gamepass}** ${m.input.reason.place_link}`,
          `• **${m.input.field.orderType}** ${m.input.reason.unknown}`,
        ].join('\n'),
      );
      expect(reply.content!.length).toBeLessThanOrEqual(2000);
    });

    it.each([
      ['an Error', new Error('boom')],
      ['a TypeError', new TypeError('boom: cannot read properties of undefined')],
      ['a thrown string', 'boom'],
      ['a thrown object', { message: 'boom', stack: 'boom at x.ts:1' }],
      ['undefined', undefined],
      ['null', null],
    ])('shows only the reference for %s, never its message or stack', (_what, error) => {
      const reply = renderError(error, m, REF, NOW);
      expect(reply).toEqual({ content: m.errors.internal(REF), embeds: [], components: [] });
      expect(reply.content).toContain(REF);
      expect(reply.content).not.toMatch(/boom|Error|\.ts|\bat\s/);
    });
  });
});

describe('renderInputProblems, renderUnknown and renderRejected', () => {
  it('offer an "Edit and resubmit" button with the given custom id', () => {
    const reply = renderInputProblems([{ field: 'place', reason: 'zero' }], en, 'order-fix:1:1:2:i:g');
    expect(reply.content).toBe(`${en.input.heading}\n• **${en.input.field.place}** ${en.input.reason.zero}`);
    expect(reply.components).toEqual([
      {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.Button,
            style: ButtonStyle.Primary,
            label: en.input.fixButton,
            custom_id: 'order-fix:1:1:2:i:g',
          },
        ],
      },
    ]);
  });

  it('offer a Retry button when the outcome is unknown', () => {
    const reply = renderUnknown(en, 'order-retry:1:1:1:2');
    expect(reply.content).toBe(`${en.errors.unknownOutcome}\n${en.errors.unknownOutcomeRecovering}`);
    expect(reply.components?.[0]?.components[0]).toMatchObject({
      label: en.errors.retryButton,
      custom_id: 'order-retry:1:1:1:2',
    });
  });

  it('offer a fix button for refusals the user can fix, and none for set-up problems', () => {
    for (const kind of ALL_KINDS) {
      const reply = renderRejected(recorded(kind), en, REF, 'order-fix:1:1:2:i:g');
      const fixable = !['unauthorized', 'forbidden', 'other'].includes(kind);
      expect(reply.components, kind).toHaveLength(fixable ? 1 : 0);
      expect(reply.content).toBe(renderUpstream(recorded(kind), en, REF));
    }
  });
});

interface TextInputJson {
  type: number;
  custom_id: string;
  style: number;
  required: boolean;
  min_length: number;
  max_length: number;
  placeholder: string;
  value?: string;
}
interface SelectJson {
  type: number;
  custom_id: string;
  required: boolean;
  min_values: number;
  max_values: number;
  options: { label: string; value: string; default: boolean }[];
}
interface LabelJson {
  type: number;
  label: string;
  description: string;
  component: TextInputJson | SelectJson;
}

function modalOf(options: Parameters<typeof buildOrderModal>[0]) {
  const modal = buildOrderModal(options);
  return { ...modal, components: modal.components as unknown as LabelJson[] };
}

describe('buildOrderModal', () => {
  const customId = 'order:1:1262024148939440249:1:i:a';

  describe.each(langs)('in %s', (_lang, m) => {
    it('asks for username, place and gamepass in Label components, and the order type when it is not fixed', () => {
      const modal = modalOf({
        messages: m,
        customId,
        payment: 'invoice',
        orderType: undefined,
        draft: undefined,
      });
      expect(modal.custom_id).toBe(customId);
      expect(modal.title).toBe(m.modal.titleInvoice);
      expect(modal.components).toHaveLength(4);
      for (const label of modal.components) expect(label.type).toBe(ComponentType.Label);
      expect(modal.components.map((label) => label.component.custom_id)).toEqual([
        'username',
        'place',
        'gamepass',
        'order_type',
      ]);
      expect(modal.components.map((label) => label.label)).toEqual([
        m.modal.username,
        m.modal.place,
        m.modal.gamepass,
        m.modal.orderType,
      ]);
      expect(modal.components.map((label) => label.description)).toEqual([
        m.modal.usernameHelp,
        m.modal.placeHelp,
        m.modal.gamepassHelp,
        m.modal.orderTypeHelp,
      ]);
    });

    it('uses short, required text inputs with the modal’s maximum lengths', () => {
      const modal = modalOf({
        messages: m,
        customId,
        payment: 'invoice',
        orderType: 'gamepass',
        draft: undefined,
      });
      expect(modal.components.map((label) => label.component)).toEqual([
        expect.objectContaining({
          type: ComponentType.TextInput,
          style: TextInputStyle.Short,
          required: true,
          max_length: 32,
        }),
        expect.objectContaining({
          type: ComponentType.TextInput,
          style: TextInputStyle.Short,
          required: true,
          max_length: 300,
        }),
        expect.objectContaining({
          type: ComponentType.TextInput,
          style: TextInputStyle.Short,
          required: true,
          max_length: 300,
        }),
      ]);
    });

    it('does not ask for the order type when the command fixed it', () => {
      for (const orderType of ['gamepass', 'vip_server'] as const) {
        const modal = modalOf({ messages: m, customId, payment: 'invoice', orderType, draft: undefined });
        expect(modal.components).toHaveLength(3);
        expect(modal.components.some((label) => label.component.custom_id === 'order_type')).toBe(false);
      }
    });

    it('offers both order types as a single-choice select, gamepass chosen by default', () => {
      const modal = modalOf({
        messages: m,
        customId,
        payment: 'invoice',
        orderType: undefined,
        draft: undefined,
      });
      const select = modal.components[3]!.component as SelectJson;
      expect(select).toMatchObject({
        type: ComponentType.StringSelect,
        required: true,
        min_values: 1,
        max_values: 1,
      });
      expect(select.options).toEqual([
        { label: m.orderType.gamepass, value: 'gamepass', default: true },
        { label: m.orderType.vip_server, value: 'vip_server', default: false },
      ]);
    });

    it('titles a balance order differently', () => {
      expect(
        modalOf({ messages: m, customId, payment: 'balance', orderType: undefined, draft: undefined }).title,
      ).toBe(m.modal.titleBalance);
    });

    it('stays within Discord’s modal limits', () => {
      for (const payment of ['invoice', 'balance'] as const) {
        for (const orderType of [undefined, 'gamepass'] as const) {
          const modal = modalOf({ messages: m, customId, payment, orderType, draft: undefined });
          expect(modal.title.length).toBeLessThanOrEqual(45);
          expect(modal.components.length).toBeLessThanOrEqual(5);
          for (const label of modal.components) {
            expect(label.label.length).toBeLessThanOrEqual(45);
            expect(label.description.length).toBeLessThanOrEqual(100);
            expect(label.component.custom_id.length).toBeLessThanOrEqual(100);
            if ('placeholder' in label.component)
              expect(label.component.placeholder.length).toBeLessThanOrEqual(100);
          }
        }
      }
    });
  });

  it('pre-fills the draft the user typed last time, including the chosen order type', () => {
    const modal = modalOf({
      messages: en,
      customId,
      payment: 'invoice',
      orderType: undefined,
      draft: {
        username: 'LeuwongUser',
        place: 'roblox.com/share?code=x',
        gamepass: '12345',
        orderType: 'vip_server',
      },
    });
    const [username, place, gamepass, type] = modal.components;
    expect((username!.component as TextInputJson).value).toBe('LeuwongUser');
    expect((place!.component as TextInputJson).value).toBe('roblox.com/share?code=x');
    expect((gamepass!.component as TextInputJson).value).toBe('12345');
    expect((type!.component as SelectJson).options.map((o) => [o.value, o.default])).toEqual([
      ['gamepass', false],
      ['vip_server', true],
    ]);
  });

  it('leaves empty draft fields empty and cuts long ones to the input’s maximum', () => {
    const modal = modalOf({
      messages: en,
      customId,
      payment: 'invoice',
      orderType: 'gamepass',
      draft: { username: '', place: 'x'.repeat(500), gamepass: '1' },
    });
    const [username, place, gamepass] = modal.components.map((label) => label.component as TextInputJson);
    expect(username).not.toHaveProperty('value');
    expect(place!.value).toBe('x'.repeat(300));
    expect(gamepass!.value).toBe('1');
  });

  it('has no pre-filled value without a draft', () => {
    const modal = modalOf({
      messages: en,
      customId,
      payment: 'invoice',
      orderType: 'gamepass',
      draft: undefined,
    });
    for (const label of modal.components) expect(label.component).not.toHaveProperty('value');
  });
});

describe('renderStaffLog', () => {
  const base: StaffLogView = {
    kind: 'created',
    invoiceCode: 'INV202605010001',
    orderType: 'vip_server',
    robloxUsername: 'Leuwong_User',
    amount: '[Pay here](https://evil.example)',
    paymentMethod: 'invoice',
    account: 'member',
    userId: '1262024148939440249',
    reason: undefined,
    reference: 'discord-1-2-1',
    at: NOW,
  };

  it('shows the facts as plain text and the customer as a mention, with no link', () => {
    const embed = theEmbed(renderStaffLog(base));
    expect(embed.title).toBe('Order created');
    expect(field(embed, 'Invoice')).toBe('INV202605010001');
    expect(field(embed, 'Order type')).toBe('VIP server');
    expect(field(embed, 'Roblox username')).toBe('Leuwong\\_User');
    expect(field(embed, 'Amount')).not.toMatch(/(^|[^\\])\[Pay here\]/);
    expect(field(embed, 'Account')).toBe('Member');
    expect(field(embed, 'Customer')).toBe('<@1262024148939440249>');
    expect(field(embed, 'Reason')).toBeUndefined();
    expect(embed.timestamp).toBe(new Date(NOW).toISOString());
  });

  it('gives the reason and the reference of a refused or unknown order', () => {
    const embed = theEmbed(
      renderStaffLog({ ...base, kind: 'unknown', invoiceCode: undefined, reason: 'unavailable' }),
    );
    expect(embed.title).toBe('Order outcome unknown: recovery gave up');
    expect(field(embed, 'Invoice')).toBe('-');
    expect(field(embed, 'Reason')).toBe('unavailable');
    expect(field(embed, 'Reference')).toBe('discord-1-2-1');
  });
});
