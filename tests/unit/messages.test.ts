import { describe, expect, it } from 'vitest';

import { english } from '../../src/messages/en.js';
import { indonesian } from '../../src/messages/id.js';
import { messagesFor, type Messages } from '../../src/messages/index.js';

type Leaf = { kind: 'string'; value: string } | { kind: 'function'; arity: number };

/** Every leaf of a catalogue by its dotted key path. */
function leaves(value: unknown, path = ''): Map<string, Leaf> {
  const out = new Map<string, Leaf>();
  if (typeof value === 'string') {
    out.set(path, { kind: 'string', value });
  } else if (typeof value === 'function') {
    out.set(path, { kind: 'function', arity: value.length });
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      for (const [childPath, leaf] of leaves(child, path === '' ? key : `${path}.${key}`))
        out.set(childPath, leaf);
    }
  } else {
    throw new Error(`unexpected ${typeof value} at ${path}`);
  }
  return out;
}

const langs = Object.entries<Messages>({ en: english, id: indonesian });

describe('the message catalogues', () => {
  const enLeaves = leaves(english);
  const idLeaves = leaves(indonesian);

  it('are both chosen by locale', () => {
    expect(messagesFor('en-US')).toBe(english);
    expect(messagesFor('id')).toBe(indonesian);
  });

  it('have exactly the same key paths', () => {
    expect([...idLeaves.keys()].sort()).toEqual([...enLeaves.keys()].sort());
    expect(enLeaves.size).toBeGreaterThan(50);
  });

  it('have a function wherever the other has one, with the same number of parameters', () => {
    for (const [path, leaf] of enLeaves) {
      const other = idLeaves.get(path);
      expect(other?.kind, path).toBe(leaf.kind);
      if (leaf.kind === 'function' && other?.kind === 'function') expect(other.arity, path).toBe(leaf.arity);
    }
  });

  it('have no empty or untrimmed strings', () => {
    for (const [lang, catalogue] of [
      ['en', enLeaves],
      ['id', idLeaves],
    ] as const) {
      for (const [path, leaf] of catalogue) {
        if (leaf.kind === 'string') {
          expect(leaf.value.trim(), `${lang}.${path}`).not.toBe('');
          expect(leaf.value, `${lang}.${path}`).toBe(leaf.value.trim());
        }
      }
    }
  });

  it('put every argument of a message function into the text', () => {
    for (const [lang, m] of langs) {
      const marker = '\u2063MARK\u2063';
      const calls: [string, string][] = [
        ['invoice.title', m.invoice.title(marker)],
        ['errors.validationFields', m.errors.validationFields(marker)],
        ['errors.misconfigured', m.errors.misconfigured(marker)],
        ['errors.internal', m.errors.internal(marker)],
        ['errors.cooldown', m.errors.cooldown(marker)],
        ['recovery.dmIntro', m.recovery.dmIntro(marker)],
      ];
      for (const [path, text] of calls) expect(text, `${lang}.${path}`).toContain(marker);
      expect(m.errors.rateLimited(37), `${lang}.errors.rateLimited`).toContain('37');
      expect(m.errors.budget(41), `${lang}.errors.budget`).toContain('41');
    }
  });

  describe.each(langs)('within Discord’s limits (%s)', (_lang, m) => {
    it('modal titles and labels are at most 45 characters', () => {
      for (const label of [
        m.modal.titleInvoice,
        m.modal.titleBalance,
        m.modal.username,
        m.modal.place,
        m.modal.gamepass,
        m.modal.orderType,
      ]) {
        expect(label.length, label).toBeLessThanOrEqual(45);
        expect(label.length, label).toBeGreaterThan(0);
      }
    });

    it('modal descriptions are at most 100 characters', () => {
      for (const help of [
        m.modal.usernameHelp,
        m.modal.placeHelp,
        m.modal.gamepassHelp,
        m.modal.orderTypeHelp,
      ]) {
        expect(help.length, help).toBeLessThanOrEqual(100);
      }
    });

    it('button labels are at most 80 characters and select options at most 100', () => {
      for (const label of [m.invoice.payButton, m.input.fixButton, m.errors.retryButton]) {
        expect(label.length, label).toBeLessThanOrEqual(80);
      }
      for (const option of Object.values(m.orderType)) expect(option.length, option).toBeLessThanOrEqual(100);
    });

    it('command names are valid lower-case Discord names and descriptions are at most 100 characters', () => {
      for (const command of [m.commands.order, m.commands.orderBalance]) {
        expect(command.name).toMatch(/^[-_\p{Ll}\p{N}]{1,32}$/u);
        expect(command.description.length).toBeLessThanOrEqual(100);
      }
      expect(m.commands.order.typeOption.length).toBeLessThanOrEqual(100);
    });

    it('embed field names are at most 256 characters and the sandbox note fits a footer', () => {
      const { amount, paymentStatus, paymentMethod, orderType, username, sandbox } = m.invoice;
      for (const name of [amount, paymentStatus, paymentMethod, orderType, username]) {
        expect(name.length).toBeLessThanOrEqual(256);
      }
      expect(sandbox.length).toBeLessThanOrEqual(2048);
    });

    it('every refusal reason has a text for every field it can be given for', () => {
      for (const reason of [
        'empty',
        'too_short',
        'too_long',
        'characters',
        'underscore',
        'not_an_id',
        'too_large',
        'zero',
        'share_link',
        'creator_hub_link',
        'gamepass_link',
        'place_link',
        'other_link',
        'unknown',
      ] as const) {
        expect(m.input.reason[reason]).toBeTruthy();
      }
    });
  });
});

describe('messagesFor', () => {
  it.each(['id', 'id-ID', 'id-x-test'])('choose Indonesian for %j', (locale) => {
    expect(messagesFor(locale)).toBe(indonesian);
  });

  it.each(['en-US', 'en-GB', 'ms', 'de', 'pt-BR', 'ID', 'Id', 'idx', 'i', '', 'ind', 'zh-CN'])(
    'choose English for %j',
    (locale) => {
      expect(messagesFor(locale)).toBe(english);
    },
  );

  it('choose English when there is no locale', () => {
    expect(messagesFor(undefined)).toBe(english);
    expect(messagesFor(null)).toBe(english);
  });
});
