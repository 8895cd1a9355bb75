import { Events, type Client, type Interaction } from 'discord.js';
import type { Logger } from 'pino';

/**
 * The gateway connection, started before the rest of the bot is built: the order flow (its
 * modules, the store, the records) is set up while the handshake with Discord runs.
 * Interactions that arrive before a handler is attached are kept, in order, and handed over to it.
 */
export interface DiscordConnection {
  client: Client;
  /** Resolves once the client is ready (READY and the guilds received); rejects if login fails. */
  ready: Promise<void>;
  /** Attaches the one interaction handler, first giving it whatever arrived before. */
  onInteraction(handler: (interaction: Interaction) => void): void;
}

export function connectToDiscord(client: Client, token: string, logger: Logger): DiscordConnection {
  let handler: ((interaction: Interaction) => void) | undefined;
  const early: Interaction[] = [];
  client.on(Events.InteractionCreate, (interaction) => {
    if (handler) handler(interaction);
    else early.push(interaction);
  });
  client.on(Events.Error, (error) => {
    logger.error({ err: error }, 'discord client error');
  });
  client.on(Events.ShardDisconnect, (event) => {
    logger.warn({ code: event.code }, 'gateway disconnected');
  });
  client.on(Events.ShardResume, () => {
    logger.info('gateway resumed');
  });
  const readyEvent = new Promise<void>((resolve) => {
    client.once(Events.ClientReady, (c) => {
      logger.info({ user: c.user.tag, guilds: c.guilds.cache.size }, 'connected to Discord');
      resolve();
    });
  });
  const ready = client.login(token).then(() => readyEvent);
  // Whoever starts the bot awaits it; until then a failed login must not be an unhandled rejection.
  ready.catch(() => undefined);
  return {
    client,
    ready,
    onInteraction(next) {
      if (handler) throw new Error('an interaction handler is already attached');
      handler = next;
      for (const interaction of early.splice(0)) next(interaction);
    },
  };
}
