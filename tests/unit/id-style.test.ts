import { describe, expect, it } from 'vitest';

import { english } from '../../src/messages/en.js';
import { indonesian } from '../../src/messages/id.js';
import {
  EN_DISCORD_VERB,
  EN_TOKEN_VERB,
  ID_DISCORD_VERB,
  ID_TOKEN_VERB,
  linkVerbProblems,
  sentences,
  styleProblems,
} from '../support/id-style.js';

/** Arguments for each message function, by its dotted path; a new function needs its own line. */
const SAMPLE_ARGS: Record<string, readonly (string | number)[]> = {
  'invoice.title': ['INV-20260101-0001'],
  'invoice.money': ['16500', 'IDR'],
  'errors.validationFields': ['Username Roblox, Place'],
  'errors.misconfigured': ['1234567890'],
  'errors.rateLimited': [30],
  'errors.internal': ['1234567890'],
  'errors.cooldown': ['<t:1700000000:R>'],
  'errors.budget': [12],
  'recovery.dmIntro': ['INV-20260101-0001'],
  'invoice.checkedAt': ['<t:1700000000:R>'],
  'errors.userShare': [3, '<t:1700000000:R>'],
  'errors.readBudget': [12],
  'errors.tooSoon': ['<t:1700000000:R>'],
  'payment.paidDm': ['INV-20260101-0001'],
  'history.title': [1, 2],
  'history.intro': [30],
  'history.empty': [30],
  'history.open': ['INV-20260101-0001'],
};

/** Every text of a catalogue by its dotted key path, functions called with their sample arguments. */
function texts(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (typeof value === 'function') {
    const args = SAMPLE_ARGS[path];
    if (args === undefined) throw new Error(`no sample arguments for ${path}`);
    return [[path, String((value as (...a: unknown[]) => unknown)(...args))]];
  }
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, child]) =>
      texts(child, path === '' ? key : `${path}.${key}`),
    );
  }
  throw new Error(`unexpected ${typeof value} at ${path}`);
}

const indonesianTexts = texts(indonesian);
const englishTexts = texts(english);

describe('the Indonesian catalogue reads like a local shop', () => {
  it('walks every text, functions included', () => {
    expect(indonesianTexts.length).toBeGreaterThan(100);
    expect(indonesianTexts.map(([path]) => path)).toContain('errors.misconfigured');
  });

  it.each(indonesianTexts)('%s has no calque, developer word or English punctuation', (_path, text) => {
    expect(styleProblems(text)).toEqual([]);
  });

  it.each(indonesianTexts)(
    '%s links a token with "hubungkan" and connects Discord with "sambungkan"',
    (_path, text) => {
      expect(linkVerbProblems(text, ID_TOKEN_VERB, ID_DISCORD_VERB)).toEqual([]);
    },
  );

  it('tells a customer to type a command, with the name their client shows', () => {
    const mentions = indonesianTexts.flatMap(([, text]) =>
      [...text.matchAll(/(?<![\w./:])\/([a-z][\w-]*)/g)].map((m) => m[1]),
    );
    const names = Object.values(indonesian.commands).map((c) => c.name);
    expect(mentions.length).toBeGreaterThan(5);
    for (const mention of mentions) expect(names).toContain(mention);
  });
});

describe('the English catalogue draws the same link distinction', () => {
  it.each(englishTexts)('%s links a token and connects Discord', (_path, text) => {
    expect(linkVerbProblems(text, EN_TOKEN_VERB, EN_DISCORD_VERB)).toEqual([]);
  });

  it('mentions only its own command names', () => {
    const mentions = englishTexts.flatMap(([, text]) =>
      [...text.matchAll(/(?<![\w./:])\/([a-z][\w-]*)/g)].map((m) => m[1]),
    );
    const names = Object.values(english.commands).map((c) => c.name);
    for (const mention of mentions) expect(names).toContain(mention);
  });
});

describe('the style rules', () => {
  it.each([
    ['Ada yang salah di sisi kami.'],
    ['Kami terus mencoba di belakang layar.'],
    ['Bot sedang dimulai ulang.'],
    ['Lingkungan'],
    ['Produksi'],
    ['Yang ingin dipesan (bawaan: gamepass)'],
    ['Jalankan /akun.'],
    ['Itu tidak terlihat seperti token.'],
    ['hanya boleh satu garis bawah.'],
    ['Salin tokenmu.'],
    ['Cek ordernya.'],
    ['Sudah dibuat; tidak ada order kedua.'],
    ['Tekan Coba lagi: referensinya sama.'],
    ['Toko tidak bisa dihubungi.'],
    ['Admin bisa melihat detailnya di log bot.'],
  ])('catch %j', (text) => {
    expect(styleProblems(text)).not.toEqual([]);
  });

  it.each([
    ['Ada yang perlu diperbaiki (order belum dikirim):'],
    ['Akun Roblox yang menerima order, contoh: LeuwongUser'],
    ['Buka https://leuwongrr.online/user/api-access lalu salin token-nya.'],
    ['hanya boleh satu garis bawah (_).'],
    ['Cek akunmu dan saldomu.'],
  ])('let %j through', (text) => {
    expect(styleProblems(text)).toEqual([]);
  });

  it('catch a link verb used for the other meaning, sentence by sentence', () => {
    const circle = 'Akun Discord kamu belum terhubung ke akun LeuwongRR yang kamu hubungkan.';
    expect(linkVerbProblems(circle, ID_TOKEN_VERB, ID_DISCORD_VERB)).toHaveLength(1);
    expect(linkVerbProblems('Sambungkan token kamu.', ID_TOKEN_VERB, ID_DISCORD_VERB)).toHaveLength(1);
    const both = 'Token kamu sudah terhubung. Sambungkan juga Discord di profil.';
    expect(linkVerbProblems(both, ID_TOKEN_VERB, ID_DISCORD_VERB)).toEqual([]);
    expect(
      linkVerbProblems('Your Discord account is not linked.', EN_TOKEN_VERB, EN_DISCORD_VERB),
    ).toHaveLength(1);
    expect(linkVerbProblems('Connect your token.', EN_TOKEN_VERB, EN_DISCORD_VERB)).toHaveLength(1);
  });

  it('split sentences after a full stop but not inside a link', () => {
    expect(sentences('Cek di https://leuwongrr.online. Lalu coba lagi.')).toEqual([
      'Cek di https://leuwongrr.online.',
      'Lalu coba lagi.',
    ]);
  });
});
