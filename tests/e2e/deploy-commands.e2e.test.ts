import { describe, expect, it, onTestFinished } from 'vitest';
import { commands } from '../../commands/index.js';
import { DEPLOY_ENTRY, spawnEntry, startWorld, type BotEnv, type World } from './harness.js';

const NAMES = commands.map((command) => command.data.name).sort();

/** `npm run deploy-commands` as the README runs it: the built entry point, configured by the environment. */
async function deploy(world: World, extra: BotEnv = {}) {
  const run = spawnEntry(DEPLOY_ENTRY, { ...world.env, ...extra });
  const { code } = await run.exited;
  return { code, run };
}

/** Both emulators for one test, closed when it finishes. */
async function freshWorld(): Promise<World> {
  const world = await startWorld();
  onTestFinished(() => world.close());
  return world;
}

describe('npm run deploy-commands (the built entry point)', () => {
  it('registers every command of the registry globally, and exits 0', async () => {
    const world = await freshWorld();
    const { code, run } = await deploy(world);
    expect(code, run.output.join('\n')).toBe(0);
    expect(world.discord.commands.global.map((command) => command.name).sort()).toEqual(NAMES);
    expect(run.logs.map((line) => line.msg)).toContain(
      'commands registered globally (Discord may take a few minutes to show them everywhere)',
    );
  });

  it('registers them in DISCORD_GUILD_ID only, when it is set', async () => {
    const world = await freshWorld();
    const guildId = world.discord.guildIds[0]!;
    const { code, run } = await deploy(world, { DISCORD_GUILD_ID: guildId });
    expect(code, run.output.join('\n')).toBe(0);
    expect(
      world.discord.commands
        .list(guildId)
        .map((command) => command.name)
        .sort(),
    ).toEqual(NAMES);
    expect(world.discord.commands.global).toHaveLength(0);
  });

  it('exits 1 with a hint when Discord refuses the token, registers nothing and never prints the token', async () => {
    const world = await freshWorld();
    const token = 'refused.discord-bot-token.0123456789abcdef';
    const { code, run } = await deploy(world, { DISCORD_TOKEN: token });
    expect(code).toBe(1);
    expect(run.logs.map((line) => line.msg)).toContain(
      'could not register the commands: check DISCORD_TOKEN and DISCORD_APPLICATION_ID',
    );
    expect(world.discord.commands.global).toHaveLength(0);
    expect(run.output.join('\n')).not.toContain(token);
  });

  it('reports a configuration error before talking to Discord', async () => {
    const world = await freshWorld();
    const { code, run } = await deploy(world, { LEUWONG_API_TOKEN: '' });
    expect(code).toBe(1);
    expect(run.output.join('\n')).toContain('LEUWONG_API_TOKEN is required');
    expect(world.discord.requests).toHaveLength(0);
  });
});
