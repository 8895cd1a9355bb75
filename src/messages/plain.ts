/**
 * Characters Discord reads as markdown, mentions, custom emoji, timestamps or links wherever they
 * stand: `\` `*` `_` `~` `|` and backticks (styles, spoilers, code), `[` `]` (masked links), `<` `>`
 * (`<@id>`, `<t:…>`, `<https://…>`, quotes), `#` (headings), `@` (`@everyone`, `@here`) and `:`
 * (`https://` autolinks, `:emoji:`).
 */
const ANYWHERE = /[\\*_~|`[\]<>#@:]/g;
/** At the start of a line only: `- `, `+ ` (lists, `-#` small text) and `1. ` (numbered lists). */
const LIST_MARK = /^[-+]/;
const NUMBERED = /^(\d+)\./;

/**
 * A text the store sent, shown by Discord exactly as it was sent: whitespace runs (newlines
 * included) become one space, and every character Discord would read as formatting is escaped
 * with a backslash (Discord shows `\x` as `x`). A masked link `[Pay here](https://…)` shows as
 * that text, not as a link around the invoice origin check; `@everyone` shows and never pings.
 *
 * discord.js's escapeMarkdown leaves links, mentions and `:` alone, hence this stricter one.
 */
export function plainText(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.replace(ANYWHERE, '\\$&').replace(LIST_MARK, '\\$&').replace(NUMBERED, '$1\\.');
}
