/**
 * How the Indonesian catalogue must not read: the calques, developer words and English
 * punctuation a native review found, and the two meanings of "link" that each keep their own
 * verb. `tests/unit/id-style.test.ts` checks every Indonesian string against these lists, and the
 * English catalogue against the same link rule.
 */

/** A pattern an Indonesian text must not contain, and what to write instead. */
export interface StyleRule {
  pattern: RegExp;
  instead: string;
}

/** English words the texts use as they are; "-mu" and "-nya" attach to them with a hyphen or not at all. */
const ENGLISH_WORDS = 'token|order|invoice|username|gamepass|place|link|game|server|channel|role|form|key|ID';

export const INDONESIAN_DENY: readonly StyleRule[] = [
  { pattern: /di sisi kami/i, instead: 'say what happened, e.g. "ada masalah di bot"' },
  { pattern: /di belakang layar/i, instead: '"otomatis"' },
  { pattern: /dimulai ulang/i, instead: '"restart"' },
  { pattern: /\blingkungan\b/i, instead: '"Mode"' },
  { pattern: /\bproduksi\b/i, instead: '"Live"' },
  { pattern: /\bbawaan\b/i, instead: 'say what happens when the option is left empty' },
  { pattern: /\bjalankan\b/i, instead: '"Ketik /…"' },
  { pattern: /tidak terlihat seperti/i, instead: '"Sepertinya itu bukan …"' },
  { pattern: /order kedua/i, instead: '"tidak dibuat order baru"' },
  { pattern: /\bdi log\b/i, instead: 'ask the customer to report the code to the admin' },
  { pattern: /garis bawah(?! \(_\))/i, instead: '"garis bawah (_)", the character shown' },
  { pattern: /\bdihubungi\b/i, instead: '"tidak merespons": "hubung" is kept for linking a token' },
  { pattern: new RegExp(`\\b(?:${ENGLISH_WORDS})mu\\b`, 'i'), instead: '"token kamu", not "tokenmu"' },
  {
    pattern: new RegExp(`\\b(?:${ENGLISH_WORDS})nya\\b`, 'i'),
    instead: '"-nya" after an English word takes a hyphen: "token-nya"',
  },
  { pattern: /;/, instead: 'two sentences, or "jadi" / "tapi"' },
  {
    pattern: /:\s+(?!$)/,
    instead: 'a full stop or a conjunction; a colon only ends a heading or follows "contoh"',
  },
  { pattern: /[‘’'"“”]/, instead: 'no English quotation marks or apostrophes' },
  { pattern: /\s[–—-]\s/, instead: 'no dash between clauses' },
];

/** Where a colon followed by text is how Indonesian writes it: "contoh: LeuwongUser". */
export const COLON_ALLOWED_AFTER = /\bcontoh$/i;

/** Linking a token to the bot (`/link`): only this verb, never about Discord or the website. */
export const ID_TOKEN_VERB = /hubung/i;
/** Connecting Discord on the store's website: only this verb, always about Discord. */
export const ID_DISCORD_VERB = /sambung/i;

export const EN_TOKEN_VERB = /\blink(?:ed|ing|s)?\b/i;
export const EN_DISCORD_VERB = /\bconnect(?:ed|ing|s)?\b/i;

/** The sentences of a text: split after a full stop, a question mark or a line break. */
export function sentences(text: string): string[] {
  return text
    .split(/(?<=[.?!])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** The rules a text breaks, with the text around each match. */
export function styleProblems(text: string): string[] {
  const problems: string[] = [];
  for (const rule of INDONESIAN_DENY) {
    const global = new RegExp(
      rule.pattern.source,
      rule.pattern.flags.includes('g') ? rule.pattern.flags : `${rule.pattern.flags}g`,
    );
    for (const match of text.matchAll(global)) {
      const before = text.slice(0, match.index);
      if (rule.pattern.source.startsWith(':') && COLON_ALLOWED_AFTER.test(before)) continue;
      if (rule.pattern.source.startsWith(':') && /https?$/.test(before)) continue;
      problems.push(
        `${JSON.stringify(match[0])} in "…${text.slice(Math.max(0, match.index - 30), match.index + 30)}…": ${rule.instead}`,
      );
    }
  }
  return problems;
}

/**
 * The two link meanings, sentence by sentence: a sentence about Discord that links or connects
 * uses the Discord verb, and the Discord verb is only used about Discord.
 */
export function linkVerbProblems(text: string, tokenVerb: RegExp, discordVerb: RegExp): string[] {
  const problems: string[] = [];
  for (const sentence of sentences(text)) {
    const discord = /\bdiscord\b/i.test(sentence);
    if (discord && tokenVerb.test(sentence)) problems.push(`token verb about Discord: "${sentence}"`);
    if (!discord && discordVerb.test(sentence))
      problems.push(`Discord verb not about Discord: "${sentence}"`);
  }
  return problems;
}
