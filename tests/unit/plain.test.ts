import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plainText } from '../../src/messages/plain.js';

/** What Discord shows for an escaped text: `\x` is `x`. */
const shown = (text: string) => text.replace(/\\(.)/g, '$1');

describe('plainText', () => {
  it.each([
    ['[Pay here](https://evil.example)', '\\[Pay here\\](https\\://evil.example)'],
    [
      '**bold** __under__ ~~strike~~ ||spoiler||',
      '\\*\\*bold\\*\\* \\_\\_under\\_\\_ \\~\\~strike\\~\\~ \\|\\|spoiler\\|\\|',
    ],
    ['`code` ```block```', '\\`code\\` \\`\\`\\`block\\`\\`\\`'],
    [
      '@everyone @here <@123> <#456> <t:1700000000:R>',
      '\\@everyone \\@here \\<\\@123\\> \\<\\#456\\> \\<t\\:1700000000\\:R\\>',
    ],
    ['# Big', '\\# Big'],
    ['-# small', '\\-\\# small'],
    ['- item', '\\- item'],
    ['1. first', '1\\. first'],
    ['> quote', '\\> quote'],
    ['a\\b', 'a\\\\b'],
    [':smile:', '\\:smile\\:'],
  ])('escapes %s', (input, expected) => {
    expect(plainText(input)).toBe(expected);
  });

  it('leaves ordinary amounts and words as they are', () => {
    for (const text of ['Rp16.500', 'Rp 1.234.567,89', 'IDR 5,000', 'pending', 'QRIS (BCA)']) {
      expect(plainText(text)).toBe(text);
    }
  });

  it('puts a text on one line: a newline cannot start a heading, a list or a quote', () => {
    expect(plainText('Rp1\n# Pay\n\n- at [x](y)')).toBe('Rp1 \\# Pay - at \\[x\\](y)');
  });

  it('shows every text as it was sent, whitespace aside', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        expect(shown(plainText(text))).toBe(text.replace(/\s+/g, ' ').trim());
      }),
      { numRuns: 300 },
    );
  });
});
