import { REST, Routes } from 'discord.js';
import type { ReplyPayload } from '../messages/reply.js';
import { REST_HANDLER_SWEEP_MS } from './client.js';

/**
 * Every message the bot sends mentions nobody: a store's text such as `@everyone` or `<@id>`, should
 * it reach a reply, never pings (the client's own default for discord.js sends is the same).
 */
export const NO_MENTIONS = { parse: [] as never[] };

/** What editing an interaction's original response needs: its application and its token. */
export interface EditTarget {
  applicationId: string;
  /** The interaction token: valid for 15 minutes, and all the authorization the edit takes. */
  token: string;
}

/**
 * Edits of interactions' original responses (the invoice after "thinking…", an error, a retry
 * button), sent on a REST manager of their own.
 *
 * Discord does not count interaction endpoints against a bot's global limit of 50 requests per
 * second (developer docs, Rate Limits), but discord.js queues every request after the initial
 * callback behind it. Here only the per-route limits Discord sends back apply (one route per
 * interaction token): on the client's manager the last invoice of a 500-user burst waits 10 s.
 *
 * The manager holds no bot token: an edit is authorized by its interaction token alone, and a 401
 * for an expired one cannot make discord.js drop the bot's token for every later request.
 */
export class InteractionReplies {
  /** `rest`: its REST manager (whose `rateLimited` events tell when it waited). */
  constructor(readonly rest: REST) {}

  /** `apiUrl`: DISCORD_API_URL (a REST proxy, the tests' emulator); Discord's own by default. */
  static create(apiUrl: string | undefined): InteractionReplies {
    return new InteractionReplies(
      new REST({
        ...(apiUrl ? { api: apiUrl } : {}),
        globalRequestsPerSecond: Number.POSITIVE_INFINITY,
        handlerSweepInterval: REST_HANDLER_SWEEP_MS,
      }),
    );
  }

  /** Replaces the original response: what `editReply` does, without building a Message of the answer. */
  async edit(target: EditTarget, payload: ReplyPayload): Promise<void> {
    await this.rest.patch(Routes.webhookMessage(target.applicationId, target.token), {
      body: { ...payload, allowed_mentions: NO_MENTIONS },
      auth: false,
    });
  }

  /** Stops the manager's sweep timers (at shutdown). */
  destroy(): void {
    this.rest.clearHashSweeper();
    this.rest.clearHandlerSweeper();
  }
}
