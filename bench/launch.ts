import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { startDiscordEmulator, type DiscordEmulator } from '../tests/emulators/discord/index.js';
import { BotProcess, DISCORD_TOKEN, ROOT, SANDBOX_TOKEN, tempStoreUrl } from '../tests/e2e/harness.js';
import { BOT_VARIABLES } from './fixture.js';
import { parseStartScript } from './stats.js';
import type { StoreThread } from './store-thread.js';

export type Kind = 'bot' | 'floor';
export const KINDS: readonly Kind[] = ['bot', 'floor'];

/** The most orders the bot accepts in a minute, its configuration's maximum. */
export const ORDERS_PER_MINUTE = 10_000;

/**
 * The bot's token budget and cooldown, opened so that the benchmark measures the bot, not them.
 * LOG_LEVEL stays unset: the bot logs at its default level, info, as deployed.
 */
const BOT_LIMITS = {
  ORDER_COOLDOWN_SECONDS: '0',
  LEUWONG_MAX_CONCURRENT: '1000',
  LEUWONG_ORDERS_PER_MINUTE: String(ORDERS_PER_MINUTE),
};

/** How `npm start` runs node (package.json's `start` script): both processes are started so. */
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  scripts: { start: string };
};
const START = parseStartScript(manifest.scripts.start, process.env.NODE_OPTIONS ?? '');
const nodeOptions = START.nodeOptions === '' ? [] : [`NODE_OPTIONS="${START.nodeOptions}"`];
export const NODE_COMMAND = [...nodeOptions, 'node', ...START.flags].join(' ');

/** BENCH_BOT may name another build of the bot; the floor is compiled by bench/tsconfig.floor.json. */
export const ENTRY: Record<Kind, string> = {
  bot: process.env.BENCH_BOT ?? START.entry,
  floor: 'dist/bench/floor.js',
};

/**
 * The Discord emulator keeps an idle connection open as long as Discord's front end does. With
 * Node's default of 5 s, less than the time between one process's rounds, every round would open
 * all its connections afresh.
 */
const KEEP_ALIVE_MS = 400_000;

/** A bot or floor process, ready, with its own Discord emulator. */
export interface Target {
  kind: Kind;
  proc: BotProcess;
  pid: number;
  discord: DiscordEmulator;
  /** The store's answer to each of the bot's orders (StoreThread); undefined for the floor. */
  answeredAt: Map<string, number> | undefined;
  /** From spawn to the readiness line, ms. */
  startMs: number;
  /** performance.now() of every modal submit sent to it: the orders its token budget saw. */
  submitted: number[];
  stop(): Promise<void>;
}

/**
 * `vars`, with every other variable the bot reads set empty, so that a developer's `.env` cannot
 * leak in, and the NODE_OPTIONS `npm start` gives node.
 */
function environment(vars: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp' };
  for (const name of BOT_VARIABLES) env[name] = '';
  if (START.nodeOptions !== '') env.NODE_OPTIONS = START.nodeOptions;
  return Object.assign(env, vars);
}

/**
 * Starts the bot (against `store`, with `botEnv` besides) or the floor, with a fresh Discord
 * emulator serving `guilds` guilds, as `npm start` runs node, and waits for its readiness line.
 */
export async function launch(
  kind: Kind,
  {
    guilds,
    store,
    fixturePath,
    botEnv = {},
  }: { guilds: number; store: StoreThread; fixturePath: string; botEnv?: Record<string, string> },
): Promise<Target> {
  const discord = await startDiscordEmulator({ token: DISCORD_TOKEN, guilds, keepAliveMs: KEEP_ALIVE_MS });
  const storeUrl = tempStoreUrl();
  const own =
    kind === 'floor'
      ? { BENCH_FLOOR_FIXTURE: fixturePath }
      : {
          ...BOT_LIMITS,
          LEUWONG_API_TOKEN: SANDBOX_TOKEN,
          LEUWONG_API_URL: store.baseUrl,
          STORE_URL: storeUrl,
          ...botEnv,
        };
  const env = environment({ DISCORD_TOKEN, DISCORD_API_URL: discord.apiUrl, ...own });
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, [...START.flags, ENTRY[kind]], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const proc = new BotProcess(child);
  const stop = async () => {
    // SIGTERM: the bot finishes its orders in flight and exits; SIGKILL if it has not in 10 s.
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await proc.stop('SIGTERM');
    clearTimeout(timer);
    await discord.close();
    rmSync(dirname(storeUrl.slice('sqlite:'.length)), { recursive: true, force: true });
  };
  await proc.ready().catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  const startMs = performance.now() - spawnedAt;
  const answeredAt = kind === 'bot' ? store.answeredAt : undefined;
  return { kind, proc, pid: child.pid ?? NaN, discord, answeredAt, startMs, submitted: [], stop };
}
