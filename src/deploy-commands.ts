import { REST } from 'discord.js';
import { commands } from '../commands/index.js';
import { deployCommands, resolveApplicationId } from './discord/deploy.js';
import { loadConfigOrExit } from './env.js';
import { createLogger } from './logger.js';

/** `npm run deploy-commands`: registers every command of commands/index.ts, globally or in DISCORD_GUILD_ID. */
const { config } = loadConfigOrExit();
const logger = createLogger({
  level: config.logLevel,
  secrets: [config.discord.token, config.leuwong.token],
});
const rest = new REST(config.discord.apiUrl ? { api: config.discord.apiUrl } : {}).setToken(
  config.discord.token,
);
try {
  const applicationId = await resolveApplicationId(rest, config.discord.applicationId);
  const result = await deployCommands(
    rest,
    applicationId,
    config.discord.guildId,
    commands.map((command) => command.data),
  );
  logger.info(
    { ...result, guildId: config.discord.guildId },
    result.scope === 'guild'
      ? 'commands registered in the guild (available at once)'
      : 'commands registered globally (Discord may take a few minutes to show them everywhere)',
  );
  logger.flush();
} catch (error) {
  logger.fatal(
    { err: error },
    'could not register the commands: check DISCORD_TOKEN and DISCORD_APPLICATION_ID',
  );
  process.exitCode = 1;
}
