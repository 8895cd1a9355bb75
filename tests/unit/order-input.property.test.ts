import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { UserInputError, type FieldProblem } from '../../src/errors.js';
import { createOrderBodySchema, type OrderType, type PaymentMethod } from '../../src/leuwong/schema.js';
import { parseOrderInput } from '../../commands/order/input.js';
import { parseGamepass, parsePlace, parseUsername } from '../../src/roblox.js';

/** The modal's text inputs allow at most this many characters (see buildOrderModal). */
const MAX = { username: 32, place: 300, gamepass: 300 } as const;

const REASONS: Record<FieldProblem['field'], readonly string[]> = {
  username: ['empty', 'too_short', 'too_long', 'characters', 'underscore'],
  place: [
    'empty',
    'not_an_id',
    'too_large',
    'zero',
    'share_link',
    'creator_hub_link',
    'gamepass_link',
    'other_link',
  ],
  gamepass: ['empty', 'not_an_id', 'too_large', 'zero', 'share_link', 'place_link', 'other_link'],
  orderType: ['unknown'],
};

const BODY_KEYS = [
  'client_reference',
  'order_type',
  'payment_method',
  'place_id',
  'roblox_pass_id',
  'roblox_username',
];

// ---- arbitraries -----------------------------------------------------------------------------

const alnum = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'.split(''));

/** A username Roblox allows: 3–20 letters/digits, at most one underscore, not at either end. */
const validUsername = fc.oneof(
  fc.string({ unit: alnum, minLength: 3, maxLength: 20 }),
  fc
    .tuple(
      fc.string({ unit: alnum, minLength: 1, maxLength: 18 }),
      fc.string({ unit: alnum, minLength: 1, maxLength: 18 }),
    )
    .filter(([a, b]) => a.length + b.length + 1 <= 20)
    .map(([a, b]) => `${a}_${b}`),
  fc.stringMatching(/^roblox_user_\d{1,20}$/),
);

const validId = fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER });

const digits = fc.oneof(
  fc.stringMatching(/^\d{1,25}$/),
  fc.bigInt({ min: 0n, max: 10n ** 30n }).map(String),
  validId.map(String),
  fc.constantFrom('0', '000', String(Number.MAX_SAFE_INTEGER), String(Number.MAX_SAFE_INTEGER + 1)),
);

const fullWidth = (text: string) => text.replace(/\d/g, (d) => String.fromCodePoint(0xff10 + Number(d)));

const segment = fc.oneof(
  fc.webSegment(),
  digits,
  fc.constantFrom('games', 'game-pass', 'passes', 'share', 'start'),
);

/** Roblox-like (and not quite Roblox) links with random segments and queries. */
const robloxishLink = fc
  .record({
    scheme: fc.constantFrom('', 'https://', 'http://', 'HTTPS://', 'ftp://'),
    host: fc.oneof(
      fc.constantFrom(
        'roblox.com',
        'www.roblox.com',
        'web.roblox.com',
        'm.roblox.com',
        'create.roblox.com',
        'ro.blox.com',
        'WWW.ROBLOX.COM',
        'www.roblox.com.evil.com',
        'evilroblox.com',
        'roblox.com@evil.com',
        'www.roblox.com:443',
      ),
      fc.domain(),
    ),
    locale: fc.constantFrom('', 'id/', 'en-us/', 'zh-hans/', 'x/'),
    path: fc.oneof(
      fc
        .tuple(fc.constantFrom('games', 'game-pass'), digits, fc.webSegment())
        .map((parts) => parts.join('/')),
      fc.constant('games/start'),
      fc.constantFrom('share', 'share-links'),
      fc
        .tuple(digits, digits, fc.constantFrom('configure', 'sales', ''))
        .map(
          ([universe, pass, tail]) => `dashboard/creations/experiences/${universe}/passes/${pass}/${tail}`,
        ),
      fc.array(segment, { maxLength: 6 }).map((parts) => parts.join('/')),
    ),
    query: fc.oneof(
      fc.constant(''),
      digits.map((id) => `?placeId=${id}`),
      digits.map((id) => `?launchData=x&placeid=${id}`),
      fc.webQueryParameters().map((q) => `?${q}`),
      fc.constant('?code=abc123&type=ExperienceDetails'),
    ),
    fragment: fc.oneof(
      fc.constant(''),
      fc.webFragments().map((f) => `#${f}`),
    ),
    wrap: fc.constantFrom('plain', 'angle', 'spaces', 'fullwidth'),
  })
  .map(({ scheme, host, locale, path, query, fragment, wrap }) => {
    const link = `${scheme}${host}/${locale}${path}${query}${fragment}`;
    switch (wrap) {
      case 'angle':
        return `<${link}>`;
      case 'spaces':
        return `  ${link}\t`;
      case 'fullwidth':
        return fullWidth(link);
      default:
        return link;
    }
  });

const anyText = (maxLength: number) =>
  fc.oneof(
    fc.string({ unit: 'binary', maxLength }),
    fc.string({ unit: 'grapheme', maxLength }),
    fc.string({
      unit: fc.constantFrom(' ', '@', '_', '1', 'a', 'Z', '\u3000', '\uff11', '.', '/', ':'),
      maxLength,
    }),
  );

/** What a user may type in the username box (cut to the input's maximum, as Discord does). */
const usernameInput = fc
  .oneof(
    anyText(MAX.username),
    validUsername,
    validUsername.map((u) => `@${u}`),
    validUsername.map((u) => ` ${u}\n`),
    validUsername.map((u) => `${u}_`),
  )
  .map((s) => s.slice(0, MAX.username));

const idInput = (max: number) =>
  fc
    .oneof(
      anyText(max),
      digits,
      digits.map(fullWidth),
      digits.map((d) => ` ${d} `),
      robloxishLink,
      fc.webUrl({ withQueryParameters: true, withFragments: true }),
    )
    .map((s) => s.slice(0, max));

const ids = fc.record({
  invocation: fc.stringMatching(/^\d{17,20}$/),
  attempt: fc.integer({ min: 1, max: 999 }),
  payment: fc.constantFrom<PaymentMethod>('invoice', 'balance'),
});

const orderType = fc.constantFrom<OrderType | undefined>('gamepass', 'vip_server', undefined);

// ---- properties ------------------------------------------------------------------------------

describe('parseOrderInput (property-based)', () => {
  it('never throws: any input gives a valid six-field body or field-specific problems', () => {
    fc.assert(
      fc.property(
        usernameInput,
        idInput(MAX.place),
        idInput(MAX.gamepass),
        orderType,
        ids,
        (username, place, gamepass, type, id) => {
          const result = parseOrderInput({ username, place, gamepass, orderType: type }, id);
          if (result.ok) {
            expect(Object.keys(result.body).sort()).toEqual(BODY_KEYS);
            expect(createOrderBodySchema.safeParse(result.body).success).toBe(true);
            for (const value of [result.body.place_id, result.body.roblox_pass_id]) {
              expect(Number.isSafeInteger(value)).toBe(true);
              expect(value).toBeGreaterThan(0);
              expect(value).toBeLessThanOrEqual(Number.MAX_SAFE_INTEGER);
            }
            expect(result.body.payment_method).toBe(id.payment);
            expect(result.body.order_type).toBe(type);
            expect(result.body.roblox_username).toMatch(/^[A-Za-z0-9_]{3,32}$/);
          } else {
            expect(result.error).toBeInstanceOf(UserInputError);
            const problems = result.error.problems;
            expect(problems.length).toBeGreaterThan(0);
            const fields = problems.map((p) => p.field);
            expect(new Set(fields).size).toBe(fields.length);
            for (const problem of problems) expect(REASONS[problem.field]).toContain(problem.reason);
            // Each field is reported exactly when its own parser refuses it.
            expect(fields.includes('username')).toBe(!parseUsername(username).ok);
            expect(fields.includes('place')).toBe(!parsePlace(place).ok);
            expect(fields.includes('gamepass')).toBe(!parseGamepass(gamepass).ok);
            expect(fields.includes('orderType')).toBe(type === undefined);
          }
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('reads valid usernames and IDs as themselves, however they are typed', () => {
    fc.assert(
      fc.property(
        validUsername,
        fc.constantFrom('', '@'),
        validId,
        validId,
        fc.constantFrom<OrderType>('gamepass', 'vip_server'),
        ids,
        (username, at, placeId, passId, type, id) => {
          const result = parseOrderInput(
            {
              username: ` ${at}${username} `,
              place: String(placeId),
              gamepass: ` ${String(passId)}`,
              orderType: type,
            },
            id,
          );
          expect(result).toEqual({
            ok: true,
            body: {
              order_type: type,
              roblox_username: username,
              place_id: placeId,
              roblox_pass_id: passId,
              payment_method: id.payment,
              client_reference: `dc-${id.invocation}-${String(id.attempt)}`,
            },
          });
        },
      ),
      { numRuns: 500 },
    );
  });

  it('reads IDs from game and gamepass links, with leading zeros or full-width digits', () => {
    const link = (kind: 'games' | 'game-pass') =>
      fc
        .tuple(
          fc.constantFrom('https://www.', 'http://', 'www.', '', 'https://web.'),
          fc.constantFrom('', 'id/', 'en-us/'),
          fc.webSegment(),
          fc.oneof(
            fc.constant(''),
            fc.webQueryParameters().map((q) => `?${q}`),
          ),
        )
        .map(
          ([prefix, locale, slug, query]) =>
            (id: string) =>
              `${prefix}roblox.com/${locale}${kind}/${id}/${slug}${query}`,
        );
    fc.assert(
      fc.property(
        validId,
        validId,
        link('games'),
        link('game-pass'),
        fc.constantFrom(
          (s: string) => s,
          fullWidth,
          (s: string) => `00${s}`,
        ),
        (placeId, passId, placeLink, passLink, write) => {
          expect(parsePlace(placeLink(write(String(placeId))))).toEqual({ ok: true, value: placeId });
          expect(parseGamepass(passLink(write(String(passId))))).toEqual({ ok: true, value: passId });
          expect(parsePlace(write(String(placeId)))).toEqual({ ok: true, value: placeId });
          expect(parseGamepass(write(String(passId)))).toEqual({ ok: true, value: passId });
        },
      ),
      { numRuns: 500 },
    );
  });

  it('names the specific mistake when a link is in the wrong field', () => {
    fc.assert(
      fc.property(validId, validId, fc.webSegment(), (placeId, passId, slug) => {
        expect(parsePlace(`https://www.roblox.com/game-pass/${String(passId)}/${slug}`)).toEqual({
          ok: false,
          problem: { field: 'place', reason: 'gamepass_link' },
        });
        expect(parseGamepass(`https://www.roblox.com/games/${String(placeId)}/${slug}`)).toEqual({
          ok: false,
          problem: { field: 'gamepass', reason: 'place_link' },
        });
        expect(
          parsePlace(`https://create.roblox.com/dashboard/creations/experiences/${String(placeId)}/overview`),
        ).toEqual({ ok: false, problem: { field: 'place', reason: 'creator_hub_link' } });
      }),
      { numRuns: 200 },
    );
  });

  it('refuses every ID beyond Number.MAX_SAFE_INTEGER as too large, never rounding it', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: BigInt(Number.MAX_SAFE_INTEGER) + 1n, max: 10n ** 40n }), (big) => {
        expect(parsePlace(String(big))).toEqual({
          ok: false,
          problem: { field: 'place', reason: 'too_large' },
        });
        expect(parseGamepass(`https://www.roblox.com/game-pass/${String(big)}/x`)).toEqual({
          ok: false,
          problem: { field: 'gamepass', reason: 'too_large' },
        });
      }),
      { numRuns: 200 },
    );
  });

  it('reports every broken field at once', () => {
    const result = parseOrderInput(
      { username: '', place: 'https://ro.blox.com/abc', gamepass: '0', orderType: undefined },
      { invocation: '1262024148939440249', attempt: 1, payment: 'invoice' },
    );
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.problems).toEqual([
        { field: 'username', reason: 'empty' },
        { field: 'place', reason: 'share_link' },
        { field: 'gamepass', reason: 'zero' },
        { field: 'orderType', reason: 'unknown' },
      ]);
    }
  });
});
