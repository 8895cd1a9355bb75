import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { UpstreamError, type UpstreamKind } from '../../src/errors.js';
import { badResponse, mapErrorResponse, networkError, parseRetryAfter } from '../../src/leuwong/errors.js';

const NOW = Date.parse('2026-05-01T12:00:00Z');
const noHeaders = new Headers();

const json = (body: unknown) => JSON.stringify(body);
const map = (status: number, body: string, headers: Headers = noHeaders) =>
  mapErrorResponse(status, body, headers, NOW);

/** Definite refusals: the store said no, nothing was created, sending it again cannot help. */
const definiteRefusal = { retrySafe: false, definite: true };
/** Unknown outcomes: the order may or may not exist; the same Idempotency-Key may be sent again. */
const unknownOutcome = { retrySafe: true, definite: false };

describe('mapErrorResponse', () => {
  describe('the store’s documented error codes', () => {
    const codes: [string, UpstreamKind, number][] = [
      ['DISCORD_LINK_REQUIRED', 'link_required', 403],
      ['DISCORD_LINK_REQUIRED', 'link_required', 422],
      ['INSUFFICIENT_BALANCE', 'insufficient_balance', 402],
      ['INSUFFICIENT_BALANCE', 'insufficient_balance', 422],
      ['ROBLOX_VALIDATION_FAILED', 'roblox_validation', 422],
    ];

    it.each(codes)('maps %s at error.code to %s (HTTP %i)', (code, kind, status) => {
      const error = map(status, json({ success: false, message: 'Tidak bisa.', error: { code } }));
      expect(error).toBeInstanceOf(UpstreamError);
      expect(error).toMatchObject({ kind, code, status, ...definiteRefusal, upstreamMessage: 'Tidak bisa.' });
    });

    it.each(codes)('maps %s at the top-level code to %s (HTTP %i)', (code, kind, status) => {
      const error = map(status, json({ success: false, message: 'Tidak bisa.', code }));
      expect(error).toMatchObject({ kind, code, status, ...definiteRefusal });
    });

    it.each(codes)('lets the code %s decide even when the status is unusual', (code, kind) => {
      for (const status of [400, 409, 429, 500]) {
        expect(map(status, json({ code }))).toMatchObject({ kind, code, ...definiteRefusal });
      }
    });

    it('prefers error.code over the top-level code', () => {
      const error = map(422, json({ code: 'SOMETHING_ELSE', error: { code: 'INSUFFICIENT_BALANCE' } }));
      expect(error).toMatchObject({ kind: 'insufficient_balance', code: 'INSUFFICIENT_BALANCE' });
    });

    it('falls back to the top-level code when error.code is null', () => {
      const error = map(422, json({ code: 'DISCORD_LINK_REQUIRED', error: { code: null } }));
      expect(error).toMatchObject({ kind: 'link_required', code: 'DISCORD_LINK_REQUIRED' });
    });

    it('maps FORBIDDEN_FIELDS (422) to a validation refusal naming the fields, at error.code', () => {
      const error = map(
        422,
        json({
          success: false,
          message: 'Field tidak diizinkan.',
          error: { code: 'FORBIDDEN_FIELDS', fields: ['price', 'user_id'] },
        }),
      );
      expect(error).toMatchObject({
        kind: 'validation',
        code: 'FORBIDDEN_FIELDS',
        status: 422,
        fields: ['price', 'user_id'],
        ...definiteRefusal,
      });
    });

    it('maps FORBIDDEN_FIELDS at the top-level code the same way', () => {
      const error = map(
        422,
        json({ success: false, code: 'FORBIDDEN_FIELDS', error: { fields: ['amount'] } }),
      );
      expect(error).toMatchObject({ kind: 'validation', code: 'FORBIDDEN_FIELDS', fields: ['amount'] });
    });

    it('keeps the fields of a ROBLOX_VALIDATION_FAILED answer', () => {
      const error = map(
        422,
        json({ error: { code: 'ROBLOX_VALIDATION_FAILED', fields: ['roblox_pass_id'] } }),
      );
      expect(error).toMatchObject({ kind: 'roblox_validation', fields: ['roblox_pass_id'] });
    });

    it('keeps an unknown code but decides by the status', () => {
      expect(map(422, json({ error: { code: 'NEW_THING' } }))).toMatchObject({
        kind: 'validation',
        code: 'NEW_THING',
      });
      expect(map(503, json({ code: 'MAINTENANCE' }))).toMatchObject({
        kind: 'unavailable',
        code: 'MAINTENANCE',
        ...unknownOutcome,
      });
    });
  });

  describe('Laravel’s validation shape', () => {
    it('takes the field names from the keys of `errors`', () => {
      const error = map(
        422,
        json({
          message: 'The place id field must be an integer. (and 1 more error)',
          errors: { place_id: ['The place id field must be an integer.'], roblox_pass_id: ['Required.'] },
        }),
      );
      expect(error).toMatchObject({
        kind: 'validation',
        code: undefined,
        fields: ['place_id', 'roblox_pass_id'],
        upstreamMessage: 'The place id field must be an integer. (and 1 more error)',
        ...definiteRefusal,
      });
    });

    it('prefers error.fields over the keys of `errors`', () => {
      const error = map(422, json({ error: { fields: ['roblox_username'] }, errors: { place_id: ['x'] } }));
      expect(error.fields).toEqual(['roblox_username']);
    });

    it('ignores `errors` and `error.fields` of the wrong shape instead of failing', () => {
      expect(map(422, json({ errors: ['place_id'], error: { fields: 'place_id' } })).fields).toEqual([]);
      expect(map(422, json({ errors: 'bad', error: 'bad' })).fields).toEqual([]);
      expect(map(422, json({ error: { fields: [1, 2] } })).fields).toEqual([]);
    });
  });

  describe('statuses without a code', () => {
    const cases: [number, UpstreamKind, { retrySafe: boolean; definite: boolean }][] = [
      [400, 'validation', definiteRefusal],
      [401, 'unauthorized', definiteRefusal],
      [403, 'forbidden', definiteRefusal],
      [404, 'other', definiteRefusal],
      [405, 'other', definiteRefusal],
      [408, 'unavailable', unknownOutcome],
      [409, 'conflict', unknownOutcome],
      [410, 'other', definiteRefusal],
      [422, 'validation', definiteRefusal],
      [429, 'rate_limited', unknownOutcome],
      [500, 'unavailable', unknownOutcome],
      [502, 'unavailable', unknownOutcome],
      [503, 'unavailable', unknownOutcome],
      [504, 'unavailable', unknownOutcome],
      [599, 'unavailable', unknownOutcome],
    ];

    it.each(cases)('maps HTTP %d to %s', (status, kind, flags) => {
      const error = map(status, json({ success: false, message: 'Nope.' }));
      expect(error).toMatchObject({ status, kind, code: undefined, fields: [], ...flags });
    });

    it('reads the Unauthorized answer of the documented 401', () => {
      expect(map(401, json({ success: false, message: 'Unauthorized API token.' }))).toMatchObject({
        kind: 'unauthorized',
        upstreamMessage: 'Unauthorized API token.',
      });
    });
  });

  describe('rate limiting', () => {
    it('carries Retry-After seconds', () => {
      const error = map(429, json({ message: 'Too Many Attempts.' }), new Headers({ 'Retry-After': '42' }));
      expect(error).toMatchObject({ kind: 'rate_limited', retryAfterSeconds: 42, ...unknownOutcome });
    });

    it('reads Retry-After given as an HTTP date', () => {
      const headers = new Headers({ 'Retry-After': new Date(NOW + 30_000).toUTCString() });
      expect(map(429, '', headers).retryAfterSeconds).toBe(30);
    });

    it('waits 5 seconds when Retry-After is missing or unreadable', () => {
      expect(map(429, '').retryAfterSeconds).toBe(5);
      expect(map(429, '', new Headers({ 'Retry-After': 'soon' })).retryAfterSeconds).toBe(5);
    });

    it('has no retry-after on other errors', () => {
      expect(map(503, '', new Headers({ 'Retry-After': '10' })).retryAfterSeconds).toBeUndefined();
    });
  });

  describe('bodies that are not the store’s JSON', () => {
    const html = '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>';

    it('maps an HTML error page by its status and keeps its start for the log', () => {
      const error = map(502, html);
      expect(error).toMatchObject({ kind: 'unavailable', code: undefined, fields: [], ...unknownOutcome });
      expect(error.upstreamMessage).toBe(html);
    });

    it('keeps at most 200 characters of a body that is not JSON', () => {
      const error = map(500, `<html>${'x'.repeat(1000)}</html>`);
      expect(error.upstreamMessage).toHaveLength(200);
    });

    it.each([
      ['truncated JSON', '{"success":false,"error":{"code":"INSUFFICIENT_BAL'],
      ['an empty body', ''],
      ['whitespace', '  \n'],
      ['JSON null', 'null'],
      ['a JSON array', '[{"code":"INSUFFICIENT_BALANCE"}]'],
      ['a JSON string', '"INSUFFICIENT_BALANCE"'],
      ['a number', '42'],
    ])('maps %s by its status alone', (_what, body) => {
      expect(map(422, body)).toMatchObject({
        kind: 'validation',
        code: undefined,
        fields: [],
        ...definiteRefusal,
      });
      expect(map(500, body)).toMatchObject({ kind: 'unavailable', code: undefined, ...unknownOutcome });
    });

    it('ignores a message or code of the wrong type', () => {
      const error = map(
        422,
        json({ message: { text: 'x' }, code: 42, error: { code: ['INSUFFICIENT_BALANCE'] } }),
      );
      expect(error).toMatchObject({ kind: 'validation', code: undefined, upstreamMessage: undefined });
    });

    it('never throws and always returns an UpstreamError, whatever the status and body', () => {
      const body = fc.oneof(
        fc.string({ unit: 'binary' }),
        fc.json(),
        fc.jsonValue().map((value) => json({ error: value, code: value, errors: value, message: value })),
      );
      fc.assert(
        fc.property(fc.integer({ min: 400, max: 599 }), body, fc.string(), (status, text, retryAfter) => {
          const error = mapErrorResponse(
            status,
            text,
            new Headers({ 'retry-after': retryAfter.replace(/[\r\n\0]/g, '') }),
            NOW,
          );
          expect(error).toBeInstanceOf(UpstreamError);
          expect(error.status).toBe(status);
          expect(Array.isArray(error.fields)).toBe(true);
          expect(error.retrySafe && error.definite).toBe(false);
          if (error.kind === 'rate_limited') expect(error.retryAfterSeconds).toBeGreaterThanOrEqual(1);
        }),
        { numRuns: 300 },
      );
    });
  });
});

describe('parseRetryAfter', () => {
  it.each([
    ['42', 42],
    [' 42 ', 42],
    ['1', 1],
    ['0', 1],
    ['1.2', 2],
    ['0.1', 1],
  ])('reads %j seconds as %d (at least one second, rounded up)', (value, expected) => {
    expect(parseRetryAfter(value, NOW)).toBe(expected);
  });

  it('reads an HTTP date relative to now', () => {
    expect(parseRetryAfter(new Date(NOW + 90_000).toUTCString(), NOW)).toBe(90);
    expect(parseRetryAfter('Fri, 01 May 2026 12:00:10 GMT', NOW)).toBe(10);
  });

  it('waits at least one second for a date in the past', () => {
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', NOW)).toBe(1);
  });

  it.each([null, '', '   ', 'soon', 'NaN'])('gives undefined for %j', (value) => {
    expect(parseRetryAfter(value, NOW)).toBeUndefined();
  });
});

describe('badResponse', () => {
  it('is an unknown outcome: a 2xx we cannot read may still have created the order', () => {
    const cause = new SyntaxError('Unexpected end of JSON input');
    const error = badResponse(201, '{"success":true,"data":{"invoi', cause);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({
      kind: 'bad_response',
      status: 201,
      code: undefined,
      fields: [],
      ...unknownOutcome,
      upstreamMessage: '{"success":true,"data":{"invoi',
    });
    expect(error.cause).toBe(cause);
  });

  it('keeps at most 200 characters of the body', () => {
    expect(badResponse(200, 'x'.repeat(500)).upstreamMessage).toHaveLength(200);
  });
});

describe('networkError', () => {
  it('is an unknown outcome with the code TIMEOUT when the request timed out', () => {
    const cause = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    const error = networkError(cause, true);
    expect(error).toMatchObject({
      kind: 'unavailable',
      status: undefined,
      code: 'TIMEOUT',
      ...unknownOutcome,
    });
    expect(error.cause).toBe(cause);
  });

  it('is an unknown outcome with the code NETWORK when the connection failed', () => {
    const error = networkError(new TypeError('fetch failed'), false);
    expect(error).toMatchObject({
      kind: 'unavailable',
      status: undefined,
      code: 'NETWORK',
      ...unknownOutcome,
    });
    expect(error.message).toBe('LeuwongRR unavailable NETWORK');
  });
});
