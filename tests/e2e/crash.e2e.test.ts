import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENV_VARIABLES } from '../../src/config.js';
import {
  BOT_ENTRY,
  BotProcess,
  DISCORD_TOKEN,
  ROOT,
  SANDBOX_TOKEN,
  startWorld,
  type World,
} from './harness.js';

/**
 * Loaded before the bot (`node --import`): on SIGUSR2 it throws, or leaves a rejection unhandled,
 * with both of the operator's tokens in the error's message, as a library error might.
 */
const FAULT_HOOK = `data:text/javascript,${encodeURIComponent(`
process.once('SIGUSR2', () => {
  const text = 'store said no to ' + process.env.LEUWONG_API_TOKEN + ' for ' + process.env.DISCORD_TOKEN;
  if (process.env.FAULT === 'rejection') void Promise.reject(new Error(text));
  else throw new Error(text);
});
`)}`;

function spawnWithFault(world: World, fault: 'exception' | 'rejection'): BotProcess {
  const env: Record<string, string> = {};
  for (const name of ENV_VARIABLES) env[name] = world.env[name] ?? '';
  const child = spawn(process.execPath, ['--import', FAULT_HOOK, BOT_ENTRY], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env, FAULT: fault },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const bot = new BotProcess(child);
  world.bots.push(bot);
  return bot;
}

describe('an uncaught error carrying a secret', () => {
  let world: World;

  beforeAll(async () => {
    world = await startWorld({ store: { rateLimit: false } });
  }, 30_000);

  afterAll(async () => {
    await world.close();
  });

  for (const [fault, msg] of [
    ['exception', 'uncaught exception'],
    ['rejection', 'unhandled rejection'],
  ] as const) {
    it(`an ${msg} is logged scrubbed, then the process exits 1`, async () => {
      const bot = spawnWithFault(world, fault);
      await bot.ready();
      bot.child.kill('SIGUSR2');
      const exit = await bot.exited;
      expect(exit.code).toBe(1);
      const line = bot.logs.find((log) => log.msg === msg);
      expect(line).toMatchObject({
        level: 60,
        err: { message: 'store said no to [redacted] for [redacted]' },
      });
      const output = bot.output.join('\n');
      expect(output).not.toContain(SANDBOX_TOKEN);
      expect(output).not.toContain(DISCORD_TOKEN);
    });
  }
});
