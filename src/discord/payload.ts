import type { JSONEncodable } from 'discord.js';
import type { APIModalInteractionResponseCallbackData } from 'discord-api-types/v10';
import type { ReplyPayload } from '../messages/render.js';

/**
 * What the bot hands to discord.js, sent as it is. Every modal, embed and component the bot builds
 * is already in Discord's API shape (snake_case, typed by discord-api-types). Given a plain object,
 * discord.js first copies it key by key through lodash's `snakeCase` (the client's
 * `jsonTransformer`), which changes nothing here and was about a tenth of the CPU of answering
 * `/order` (measured); a JSONEncodable is sent as its `toJSON()`.
 */
function asIs<T>(data: T): JSONEncodable<T> {
  return { toJSON: () => data };
}

/** A modal for `showModal`. */
export function apiModal(
  modal: APIModalInteractionResponseCallbackData,
): JSONEncodable<APIModalInteractionResponseCallbackData> {
  return asIs(modal);
}

/**
 * A reply for `reply`: its embeds and components sent as they are. (Edits of an original response
 * go through InteractionReplies, src/discord/replies.ts, which sends plain API objects as they are.)
 */
export function apiReply(payload: ReplyPayload) {
  return {
    ...(payload.content === undefined ? {} : { content: payload.content }),
    ...(payload.embeds === undefined ? {} : { embeds: payload.embeds.map(asIs) }),
    ...(payload.components === undefined ? {} : { components: payload.components.map(asIs) }),
  };
}
