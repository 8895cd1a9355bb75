import { en, type Messages } from './en.js';
import { id } from './id.js';

export type { Messages } from './en.js';
export type Lang = 'en' | 'id';

export const catalogues: Readonly<Record<Lang, Messages>> = { en, id };

/** Discord sends `id` for Indonesian; everyone else gets English. */
export function langOf(locale: string | null | undefined): Lang {
  return locale === 'id' || locale?.startsWith('id-') === true ? 'id' : 'en';
}

export function messagesFor(locale: string | null | undefined): Messages {
  return catalogues[langOf(locale)];
}
