import { startBot, InvalidTokenError } from './app.js';
import { loadConfigOrExit } from './env.js';
import { createLogger, exitAfterLogging } from './logger.js';
import { StoredTokensWithoutKeyError } from './tokens/stored-check.js';

const { config, warnings } = loadConfigOrExit();
// The logger's list of secrets, shared with the bot: members' tokens join it as they are linked or
// used, and leave it when they are deleted.
const secrets = [config.discord.token, config.leuwong.token];
const key = config.personalTokens.encryptionKey;
if (key) {
  const hex = key.toString('hex');
  secrets.push(hex, hex.toUpperCase(), key.toString('base64').replace(/=+$/, ''), key.toString('base64url'));
}
const logger = createLogger({ level: config.logLevel, secrets });
for (const warning of warnings) logger.warn(warning);

// Through the scrubbing logger, not Node's own report on stderr (which would print the error's
// text, secrets included), and then the process exits as Node would.
process.on('uncaughtException', (error) => {
  logger.fatal({ err: error }, 'uncaught exception');
  exitAfterLogging(logger, 1);
});
process.on('unhandledRejection', (reason) => {
  logger.fatal({ err: reason }, 'unhandled rejection');
  exitAfterLogging(logger, 1);
});

try {
  const bot = await startBot(config, logger, { secrets });
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: no new orders, finishing the ones in flight');
    bot.stop().then(
      () => {
        logger.info('stopped');
        exitAfterLogging(logger, 0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'error while stopping');
        exitAfterLogging(logger, 1);
      },
    );
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
} catch (error) {
  if (error instanceof InvalidTokenError || error instanceof StoredTokensWithoutKeyError) {
    logger.fatal(error.message);
    process.stderr.write(`${error.message}\n`);
    exitAfterLogging(logger, error instanceof InvalidTokenError ? 2 : 1);
  } else {
    logger.fatal({ err: error }, 'the bot could not start');
    exitAfterLogging(logger, 1);
  }
}
