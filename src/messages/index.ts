import { english, type Messages } from './en.js';
import { indonesian } from './id.js';

export type { Messages } from './en.js';

/** Discord sends `id` for Indonesian; everyone else gets English. */
export function messagesFor(locale: string | null | undefined): Messages {
  return locale === 'id' || locale?.startsWith('id-') === true ? indonesian : english;
}
