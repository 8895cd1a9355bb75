import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import {
  CUSTOM_ID_MAX,
  customIdName,
  defineCustomId,
  enumField,
  smallIntField,
  snowflakeField,
} from '../../src/custom-id.js';
import { ExpiredInteractionError } from '../../src/errors.js';
import { editOrderId, orderFormId, retryOrderId } from '../../commands/order/ids.js';

const codec = defineCustomId('demo', 3, {
  user: snowflakeField,
  attempt: smallIntField,
  colour: enumField<'red' | 'green'>({ red: 'r', green: 'g' }),
});

const snowflake = fc.stringMatching(/^\d{1,20}$/);
const smallInt = fc.integer({ min: 0, max: 999 });
const biggestSnowflake = '9'.repeat(20);

function expired(run: () => unknown): ExpiredInteractionError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ExpiredInteractionError);
    return error as ExpiredInteractionError;
  }
  throw new Error('expected an ExpiredInteractionError, nothing was thrown');
}

describe('defineCustomId', () => {
  it('encodes as name:version:field:field…', () => {
    expect(codec.encode({ user: '123', attempt: 7, colour: 'green' })).toBe('demo:3:123:7:g');
    expect(codec.name).toBe('demo');
    expect(codec.version).toBe(3);
  });

  it('decodes what it encodes, for every value its fields accept', () => {
    fc.assert(
      fc.property(
        snowflake,
        smallInt,
        fc.constantFrom('red' as const, 'green' as const),
        (user, attempt, colour) => {
          const id = codec.encode({ user, attempt, colour });
          expect(id.length).toBeLessThanOrEqual(CUSTOM_ID_MAX);
          expect(codec.decode(id)).toEqual({ user, attempt, colour });
        },
      ),
    );
  });

  it('refuses a name that is not lower-case letters, digits and dashes', () => {
    for (const name of ['', 'Order', 'order:x', '1order', 'order_fix', '-order']) {
      expect(() => defineCustomId(name, 1, {})).toThrow(/bad custom_id name/);
    }
  });

  it('refuses to encode an id longer than 100 characters', () => {
    const wide = defineCustomId('wide', 1, {
      a: snowflakeField,
      b: snowflakeField,
      c: snowflakeField,
      d: snowflakeField,
      e: snowflakeField,
    });
    expect(() =>
      wide.encode({ a: biggestSnowflake, b: biggestSnowflake, c: biggestSnowflake, d: '1', e: '1' }),
    ).not.toThrow();
    expect(() =>
      wide.encode({
        a: biggestSnowflake,
        b: biggestSnowflake,
        c: biggestSnowflake,
        d: biggestSnowflake,
        e: biggestSnowflake,
      }),
    ).toThrow(/characters/);
  });

  it('returns undefined for an id with a different name, so the router can try the next codec', () => {
    expect(codec.decode('other:3:123:7:g')).toBeUndefined();
    expect(codec.decode('demo-fix:3:123:7:g')).toBeUndefined();
    expect(codec.decode('dem:3:123:7:g')).toBeUndefined();
    expect(codec.decode('')).toBeUndefined();
    expect(codec.decode('DEMO:3:123:7:g')).toBeUndefined();
  });

  it.each([
    'demo:2:123:7:g',
    'demo:4:123:7:g',
    'demo:03:123:7:g',
    'demo::123:7:g',
    'demo',
    'demo:v3:123:7:g',
  ])('treats another version (%s) as an expired interaction', (id) => {
    expect(expired(() => codec.decode(id)).reason).toMatch(/version/);
  });

  it.each([
    'demo:3',
    'demo:3:123:7',
    'demo:3:123:7:g:extra',
    'demo:3:123:7:g:',
    'demo:3::::',
    'demo:3:123:7'.padEnd(120, ':'),
  ])('treats a malformed id (%s) as an expired interaction', (id) => {
    expect(expired(() => codec.decode(id)).reason).toMatch(/malformed/);
  });

  it.each([
    ['a non-numeric snowflake', 'demo:3:abc:7:g'],
    ['a 21-digit snowflake', `demo:3:${'1'.repeat(21)}:7:g`],
    ['an empty snowflake', 'demo:3::7:g'],
    ['all parts empty', 'demo:3:::'],
    ['a negative number', 'demo:3:123:-7:g'],
    ['a four-digit small int', 'demo:3:123:1000:g'],
    ['an unknown enum code', 'demo:3:123:7:x'],
    ['an enum value instead of its code', 'demo:3:123:7:green'],
    ['an inherited property name as enum code', 'demo:3:123:7:constructor'],
  ])('treats %s as an expired interaction', (_what, id) => {
    expect(expired(() => codec.decode(id)).reason).toMatch(/field/);
  });

  it('treats an id over 100 characters as expired even if every part reads', () => {
    const tooLong = defineCustomId('toolong', 1, {
      a: snowflakeField,
      b: snowflakeField,
      c: snowflakeField,
      d: snowflakeField,
      e: snowflakeField,
    });
    const parts = Array.from({ length: 5 }, () => biggestSnowflake).join(':');
    expect(`toolong:1:${parts}`.length).toBeGreaterThan(CUSTOM_ID_MAX);
    expect(expired(() => tooLong.decode(`toolong:1:${parts}`)).reason).toMatch(/malformed/);
  });

  it('never throws anything but ExpiredInteractionError, whatever the id', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary' }),
          fc.string().map((s) => `demo:${s}`),
        ),
        (id) => {
          try {
            const decoded = codec.decode(id);
            if (decoded !== undefined) {
              expect(decoded.user).toMatch(/^\d{1,20}$/);
              expect(['red', 'green']).toContain(decoded.colour);
            }
          } catch (error) {
            expect(error).toBeInstanceOf(ExpiredInteractionError);
          }
        },
      ),
    );
  });
});

describe('customIdName', () => {
  it('is the part before the first colon', () => {
    expect(customIdName('order:1:123:1:i:g')).toBe('order');
    expect(customIdName('order-fix:1')).toBe('order-fix');
    expect(customIdName('plain')).toBe('plain');
    expect(customIdName('')).toBe('');
  });
});

describe('the order custom ids', () => {
  const payments = fc.constantFrom('invoice' as const, 'balance' as const);
  const types = fc.constantFrom('gamepass' as const, 'vip_server' as const, 'ask' as const);

  it('stay within 100 characters with 20-digit snowflakes and the largest attempt', () => {
    for (const payment of ['invoice', 'balance'] as const) {
      for (const type of ['gamepass', 'vip_server', 'ask'] as const) {
        const values = { invocation: biggestSnowflake, user: biggestSnowflake, attempt: 999, payment, type };
        expect(orderFormId.encode(values).length).toBeLessThanOrEqual(CUSTOM_ID_MAX);
        expect(editOrderId.encode(values).length).toBeLessThanOrEqual(CUSTOM_ID_MAX);
      }
    }
    const retry = { invocation: biggestSnowflake, attempt: 999, user: biggestSnowflake };
    expect(retryOrderId.encode(retry).length).toBeLessThanOrEqual(CUSTOM_ID_MAX);
  });

  it('round-trip every invocation, attempt, payment and order type', () => {
    fc.assert(
      fc.property(
        snowflake,
        smallInt,
        payments,
        types,
        snowflake,
        (invocation, attempt, payment, type, user) => {
          const values = { invocation, user, attempt, payment, type };
          expect(orderFormId.decode(orderFormId.encode(values))).toEqual(values);
          expect(editOrderId.decode(editOrderId.encode(values))).toEqual(values);
          const retry = { invocation, attempt, user };
          expect(retryOrderId.decode(retryOrderId.encode(retry))).toEqual(retry);
        },
      ),
    );
  });

  it('do not read each other’s ids', () => {
    const values = {
      invocation: '1262024148939440249',
      user: '1262024148939440250',
      attempt: 1,
      payment: 'invoice' as const,
      type: 'ask' as const,
    };
    const modal = orderFormId.encode(values);
    const fix = editOrderId.encode(values);
    const retry = retryOrderId.encode({
      invocation: values.invocation,
      attempt: 1,
      user: '1262024148939440250',
    });
    expect(orderFormId.decode(fix)).toBeUndefined();
    expect(orderFormId.decode(retry)).toBeUndefined();
    expect(editOrderId.decode(modal)).toBeUndefined();
    expect(retryOrderId.decode(modal)).toBeUndefined();
    expect(new Set([customIdName(modal), customIdName(fix), customIdName(retry)]).size).toBe(3);
  });

  it('treat an id from an older version of the bot as expired', () => {
    expect(() => orderFormId.decode('order:1:1262024148939440249:1:i:g')).toThrow(ExpiredInteractionError);
    expect(() => editOrderId.decode('order-fix:1:1262024148939440249:1:i:g')).toThrow(
      ExpiredInteractionError,
    );
    expect(() => retryOrderId.decode('order-retry:1:1262024148939440249:1:1262024148939440250')).toThrow(
      ExpiredInteractionError,
    );
  });
});
