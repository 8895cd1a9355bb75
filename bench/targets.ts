import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { startDiscordEmulator, type DiscordEmulator } from '../tests/emulators/discord/index.js';
import {
  BOT_ENTRY,
  BotProcess,
  DISCORD_TOKEN,
  ROOT,
  SANDBOX_TOKEN,
  spawnBot,
  tempStoreUrl,
  type BotEnv,
} from '../tests/e2e/harness.js';
import { cmdline } from './proc.js';
import { startStoreThread, type StoreThread } from './store-thread.js';

export type Kind = 'bot' | 'floor';
export const KINDS: readonly Kind[] = ['bot', 'floor'];

/**
 * The bot's configuration for the benchmark: the LeuwongRR token budget and the per-user cooldown
 * are raised as far as the configuration allows so the benchmark measures the bot, not its limiter.
 * LEUWONG_ORDERS_PER_MINUTE is capped at 100000 by src/config.ts (a larger value is refused at start):
 * about ten times what the bot is sent in a minute here. At 10000, the bursts with the store
 * answering at once outran it on a 2-core AMD EPYC (a later run counted 10,200 orders sent to the bot
 * in one minute), and the last rounds' invoices waited for rate slots. The run prints the most
 * orders each process was sent in any minute beside it (see peakInWindow).
 */
export const BENCH_ENV = {
  LEUWONG_ORDERS_PER_MINUTE: '100000',
  LEUWONG_MAX_CONCURRENT: '1000',
  ORDER_COOLDOWN_SECONDS: '0',
} as const satisfies BotEnv;

export type LogLevel = 'warn' | 'info';

/**
 * How long the Discord emulator keeps an idle HTTP connection open: as long as Discord's front end
 * (Cloudflare keeps an idle HTTP/1.1 client connection 400 s). With Node's default (5 s, shorter
 * than the time between one process's rounds), every burst opened ~500 new connections in both
 * processes: +100-250 ms on the round's slowest acknowledgements, and most of the spread between
 * rounds.
 */
const DISCORD_KEEP_ALIVE_MS = 400_000;

/** Fresh emulators for one process: a Discord gateway + REST and a LeuwongRR store, on 127.0.0.1. */
export interface World {
  discord: DiscordEmulator;
  /** In a thread of its own, off the thread that times the callbacks (see StoreThread). */
  store: StoreThread;
  env: BotEnv;
  /** The bot's SQLite file (STORE_URL=sqlite:<path>). */
  storePath: string;
  /** performance.now() of every modal submit sent to the process: the orders its limiter saw. */
  submitted: number[];
  close(): Promise<void>;
}

export async function openWorld(options: {
  guilds: number;
  orderLatencyMs: number;
  logLevel: LogLevel;
}): Promise<World> {
  const discord = await startDiscordEmulator({
    token: DISCORD_TOKEN,
    guilds: options.guilds,
    keepAliveMs: DISCORD_KEEP_ALIVE_MS,
  });
  const store = await startStoreThread({
    accounts: [{ token: SANDBOX_TOKEN, balance: 0 }],
    rateLimit: false,
    orderLatencyMs: options.orderLatencyMs,
  });
  const storeUrl = tempStoreUrl();
  const env: BotEnv = {
    DISCORD_TOKEN,
    DISCORD_API_URL: discord.apiUrl,
    LEUWONG_API_TOKEN: SANDBOX_TOKEN,
    LEUWONG_API_URL: store.baseUrl,
    STORE_URL: storeUrl,
    LOG_LEVEL: options.logLevel,
    ...BENCH_ENV,
  };
  return {
    discord,
    store,
    env,
    storePath: storeUrl.slice('sqlite:'.length),
    submitted: [],
    async close() {
      await discord.close();
      await store.close();
      rmSync(dirname(storeUrl.slice('sqlite:'.length)), { recursive: true, force: true });
    },
  };
}

/** A running bot or floor process, with the time each start-up milestone was printed. */
export interface Target {
  kind: Kind;
  proc: BotProcess;
  pid: number;
  /** performance.now() just before spawn. */
  spawnedAt: number;
  /** First time (performance.now()) each log `msg` was seen on stdout/stderr. */
  milestones: Map<string, number>;
}

export const MILESTONE_READY = 'connected to Discord';
export const MILESTONE_REGISTERED = 'slash commands registered';
const MILESTONE_UP_TO_DATE = 'slash commands up to date';

export interface StartOptions {
  /** Extra node flags (profiling only: the measured runs start exactly as `npm start`). */
  nodeFlags?: string[];
  fixturePath: string;
}

/**
 * The entry points: the bot as `npm run build` bundles it, the floor compiled by tsc
 * (bench/tsconfig.floor.json); `npm run bench` builds both first.
 */
export const ENTRY: Record<Kind, string> = { bot: BOT_ENTRY, floor: 'dist/bench/floor.js' };

/**
 * Starts the bot exactly as the end-to-end harness does (`node dist/bot/main.js`, what `npm start`
 * runs after its build, configured only by environment variables), or the floor the same way with
 * its own compiled entry point.
 */
export function startTarget(kind: Kind, env: BotEnv, options: StartOptions): Target {
  const spawnedAt = performance.now();
  let proc: BotProcess;
  const flags = options.nodeFlags ?? [];
  if (kind === 'bot' && flags.length === 0) {
    proc = spawnBot(env);
  } else {
    const full: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp' };
    for (const [name, value] of Object.entries(env)) full[name] = value;
    if (kind === 'floor') full.BENCH_FLOOR_FIXTURE = options.fixturePath;
    const child = spawn(process.execPath, [...flags, ENTRY[kind]], {
      cwd: ROOT,
      env: full,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    proc = new BotProcess(child);
  }
  const pid = proc.child.pid;
  if (pid === undefined) throw new Error(`could not spawn the ${kind}`);
  const milestones = new Map<string, number>();
  let buffer = '';
  const onData = (chunk: Buffer): void => {
    const at = performance.now();
    buffer += chunk.toString('utf8');
    let newline: number;
    while ((newline = buffer.indexOf('\n')) !== -1) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      if (!line.startsWith('{')) continue;
      try {
        const parsed = JSON.parse(line) as { msg?: unknown };
        if (typeof parsed.msg === 'string' && !milestones.has(parsed.msg)) milestones.set(parsed.msg, at);
      } catch {
        // not a JSON line
      }
    }
  };
  proc.child.stdout?.on('data', onData);
  return { kind, proc, pid, spawnedAt, milestones };
}

/** Checks that the pid measured is the node process running the entry point, not a wrapper. */
export function assertNodeProcess(target: Target): void {
  const argv = cmdline(target.pid);
  const script = ENTRY[target.kind];
  if (argv[0] !== process.execPath || !argv.includes(script)) {
    throw new Error(`pid ${target.pid} is not the ${target.kind}'s node process: ${argv.join(' ')}`);
  }
}

function isCommandsPut(discord: DiscordEmulator): boolean {
  return discord.requests.some(
    (r) => r.method === 'PUT' && /^\/api\/v10\/applications\/\d+\/commands$/.test(r.path) && r.status < 300,
  );
}

/**
 * Resolves once the process has registered its slash commands: the log line when it logs at info
 * (start-up runs time it), else the successful PUT of the commands seen by the Discord emulator
 * (each world is fresh, so both the bot and the floor PUT them).
 */
export async function waitRegistered(
  target: Target,
  discord: DiscordEmulator,
  logLevel: LogLevel,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const logged = target.milestones.has(MILESTONE_REGISTERED) || target.milestones.has(MILESTONE_UP_TO_DATE);
    if (logged || (logLevel === 'warn' && isCommandsPut(discord))) return;
    if (!target.proc.alive)
      throw new Error(`the ${target.kind} exited during start-up:\n${target.proc.output.join('\n')}`);
    if (performance.now() > deadline)
      throw new Error(
        `the ${target.kind} did not register its commands in ${timeoutMs} ms:\n${target.proc.output.slice(-30).join('\n')}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** SIGTERM (the bot drains and exits), SIGKILL after `graceMs`. */
export async function stopTarget(target: Target, graceMs = 10_000): Promise<void> {
  if (!target.proc.alive) return;
  const timer = setTimeout(() => {
    if (target.proc.alive) target.proc.child.kill('SIGKILL');
  }, graceMs);
  await target.proc.stop('SIGTERM');
  clearTimeout(timer);
}
