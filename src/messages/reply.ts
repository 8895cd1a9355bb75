import {
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
} from 'discord-api-types/v10';

/** Everything a reply or an edit of one carries, in Discord's API shape. */
export interface ReplyPayload {
  content?: string;
  embeds?: APIEmbed[];
  components?: APIActionRowComponent<APIButtonComponent>[];
}

/** A text answer; the empty lists clear the embeds and buttons of an earlier reply it replaces. */
export function textReply(content: string): ReplyPayload {
  return { content, embeds: [], components: [] };
}

/** A text answer with one button under it. */
export function replyWithButton(
  content: string,
  label: string,
  customId: string,
  style: ButtonStyle.Primary | ButtonStyle.Secondary = ButtonStyle.Primary,
): ReplyPayload {
  return {
    content,
    embeds: [],
    components: [
      {
        type: ComponentType.ActionRow,
        components: [{ type: ComponentType.Button, style, label, custom_id: customId }],
      },
    ],
  };
}

/** Cuts a text to `max` characters, ending with an ellipsis when it was longer. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * A catalogue lookup by a value the store sent (a payment status, an account status): own keys
 * only, so `constructor` or `toString` is shown as text instead of resolving to Object.prototype.
 */
export function lookup(table: Readonly<Record<string, string>>, key: string): string | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/** A Discord timestamp (epoch seconds) that each user's client shows relative to now: "5 minutes ago". */
export function relativeTimestamp(epochSeconds: number): string {
  return `<t:${epochSeconds}:R>`;
}
