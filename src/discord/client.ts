import { Client, GatewayIntentBits, Options, type ClientOptions } from 'discord.js';

/**
 * Each interaction token gets its own REST bucket handler; idle ones are swept after 5 minutes
 * (discord.js keeps them an hour), so memory does not grow with the number of orders. For the
 * client's manager and for the one interaction edits go on (InteractionReplies).
 */
export const REST_HANDLER_SWEEP_MS = 5 * 60_000;

/**
 * A client with the `Guilds` intent only and every cache the bot does not read turned off:
 * interactions carry all the bot needs, so memory stays flat however many servers it is in.
 */
export function createDiscordClient(apiUrl: string | undefined): Client {
  const options: ClientOptions = {
    intents: [GatewayIntentBits.Guilds],
    makeCache: Options.cacheWithLimits({
      ...Options.DefaultMakeCacheSettings,
      ApplicationCommandManager: 0,
      AutoModerationRuleManager: 0,
      BaseGuildEmojiManager: 0,
      DMMessageManager: 0,
      EntitlementManager: 0,
      GuildBanManager: 0,
      GuildEmojiManager: 0,
      GuildForumThreadManager: 0,
      GuildInviteManager: 0,
      GuildMemberManager: { maxSize: 0, keepOverLimit: (member) => member.id === member.client.user.id },
      GuildMessageManager: 0,
      GuildScheduledEventManager: 0,
      GuildStickerManager: 0,
      GuildTextThreadManager: 0,
      MessageManager: 0,
      PresenceManager: 0,
      ReactionManager: 0,
      ReactionUserManager: 0,
      StageInstanceManager: 0,
      ThreadManager: 0,
      ThreadMemberManager: 0,
      UserManager: { maxSize: 0, keepOverLimit: (user) => user.id === user.client.user.id },
      VoiceStateManager: 0,
    }),
    sweepers: Options.DefaultSweeperSettings,
    failIfNotExists: false,
    // Replies carry text from the store and from users: they never ping anyone.
    allowedMentions: { parse: [] },
    rest: {
      ...(apiUrl ? { api: apiUrl } : {}),
      handlerSweepInterval: REST_HANDLER_SWEEP_MS,
    },
  };
  return new Client(options);
}
