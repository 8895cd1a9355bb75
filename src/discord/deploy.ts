import { Routes, type REST } from 'discord.js';
import type {
  APIApplication,
  APIApplicationCommand,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import type { Logger } from 'pino';

/** True when every key we define has the same value on Discord's side (Discord adds ids, versions, defaults). */
export function isSubset(ours: unknown, theirs: unknown): boolean {
  if (Array.isArray(ours)) {
    return (
      Array.isArray(theirs) &&
      ours.length === theirs.length &&
      ours.every((item, index) => isSubset(item, theirs[index]))
    );
  }
  if (typeof ours === 'object' && ours !== null) {
    if (typeof theirs !== 'object' || theirs === null) return false;
    return Object.entries(ours).every(([key, value]) =>
      isSubset(value, (theirs as Record<string, unknown>)[key]),
    );
  }
  return ours === theirs;
}

export async function resolveApplicationId(rest: REST, configured: string | undefined): Promise<string> {
  if (configured) return configured;
  const application = (await rest.get(Routes.currentApplication())) as APIApplication;
  return application.id;
}

export interface DeployResult {
  scope: 'global' | 'guild';
  changed: boolean;
  names: string[];
}

function commandsRoute(applicationId: string, guildId: string | undefined) {
  return guildId
    ? Routes.applicationGuildCommands(applicationId, guildId)
    : Routes.applicationCommands(applicationId);
}

/** The commands Discord has registered for the application, globally or in one guild. */
export async function readRegisteredCommands(
  rest: REST,
  applicationId: string,
  guildId: string | undefined,
): Promise<APIApplicationCommand[]> {
  return (await rest.get(commandsRoute(applicationId, guildId))) as APIApplicationCommand[];
}

/**
 * Registers the commands globally, or in one guild (instant, for testing). Given what Discord has
 * registered, it writes only when something differs, so restarts do not spend Discord's daily
 * command-update budget.
 */
export async function deployCommands(
  rest: REST,
  applicationId: string,
  guildId: string | undefined,
  body: readonly RESTPostAPIChatInputApplicationCommandsJSONBody[],
  registered?: readonly APIApplicationCommand[],
): Promise<DeployResult> {
  const names = body.map((data) => data.name);
  const scope = guildId ? 'guild' : 'global';
  const same =
    registered?.length === body.length &&
    body.every((data) =>
      isSubset(
        data,
        registered.find((command) => command.name === data.name),
      ),
    );
  if (same) return { scope, changed: false, names };
  await rest.put(commandsRoute(applicationId, guildId), { body });
  return { scope, changed: true, names };
}

/**
 * At start: reads what Discord has registered while `beforeWriting` runs (the LeuwongRR token
 * check, which throws when the bot must not run), then writes the commands if they differ. A
 * failure to register is logged, not fatal: `npm run deploy-commands` can do it later.
 */
export async function registerCommands(options: {
  rest: REST;
  applicationId: string;
  guildId: string | undefined;
  commands: readonly RESTPostAPIChatInputApplicationCommandsJSONBody[];
  logger: Logger;
  beforeWriting: () => Promise<void>;
}): Promise<void> {
  const { rest, applicationId, guildId, logger } = options;
  const registered = readRegisteredCommands(rest, applicationId, guildId).catch(() => undefined);
  await options.beforeWriting();
  try {
    const result = await deployCommands(rest, applicationId, guildId, options.commands, await registered);
    logger.info(result, result.changed ? 'slash commands registered' : 'slash commands up to date');
  } catch (error) {
    logger.warn({ err: error }, 'could not register the slash commands; run npm run deploy-commands');
  }
}
