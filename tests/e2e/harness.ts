import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OUT_DIR } from '../../scripts/bundle.js';
import { ENV_VARIABLES } from '../../src/config.js';
import {
  startDiscordEmulator,
  type DiscordEmulator,
  type DiscordEmulatorOptions,
} from '../emulators/discord/index.js';
import {
  startStoreEmulator,
  type StoreEmulator,
  type StoreEmulatorOptions,
} from '../emulators/store/index.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const SANDBOX_TOKEN = 'lrrs_v1_e2e_sandbox_token_0123456789';
export const PRODUCTION_TOKEN = 'lrrp_v1_e2e_production_token_0123456789';
export const DISCORD_TOKEN = 'e2e.discord-bot-token.0123456789abcdef';

/**
 * Every variable the bot reads, all passed to the spawned bot (empty when unused), so a
 * developer's own `.env` can never leak into a test run.
 */
const ALL_VARIABLES = ENV_VARIABLES;

export type BotEnv = Partial<Record<(typeof ALL_VARIABLES)[number], string>>;

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

/** The bot as a real process, started the way the README starts it (`npm start` runs this entry point). */
export class BotProcess {
  readonly output: string[] = [];
  readonly logs: LogLine[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private waiters: (() => void)[] = [];

  constructor(readonly child: ChildProcess) {
    let buffer = '';
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      let newline: number;
      while ((newline = buffer.indexOf('\n')) !== -1) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        this.output.push(line);
        try {
          this.logs.push(JSON.parse(line) as LogLine);
        } catch {
          // not a log line (stderr text)
        }
        for (const wake of this.waiters.splice(0)) wake();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        for (const wake of this.waiters.splice(0)) wake();
        resolve({ code, signal });
      });
    });
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Resolves with the first log line that matches; fails if the process exits first or the time runs out. */
  async waitForLog(match: (line: LogLine) => boolean, timeoutMs = 15_000): Promise<LogLine> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.logs.find(match);
      if (found) return found;
      if (!this.alive) throw new Error(`bot exited before the expected log line:\n${this.output.join('\n')}`);
      const remaining = deadline - Date.now();
      if (remaining <= 0)
        throw new Error(`timed out waiting for a log line:\n${this.output.slice(-30).join('\n')}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async ready(): Promise<void> {
    await this.waitForLog(
      (line) => line.msg === 'slash commands registered' || line.msg === 'slash commands up to date',
    );
  }

  async stop(
    signal: NodeJS.Signals = 'SIGTERM',
  ): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (this.alive) this.child.kill(signal);
    return this.exited;
  }
}

/**
 * What `npm start` runs once its `prestart` step (`npm run build`) has bundled the TypeScript:
 * the suite's global setup (tests/global-setup.ts) bundles it the same way before any test.
 */
export const BOT_ENTRY = `${OUT_DIR}/main.js` as const;

/** What `npm run deploy-commands` runs, from the same build. */
export const DEPLOY_ENTRY = `${OUT_DIR}/deploy-commands.js` as const;

/** The bot as `npm start` runs it, with only `env` as its configuration. */
export function spawnBot(env: BotEnv): BotProcess {
  return spawnEntry(BOT_ENTRY, env);
}

/** One of the build's entry points, with only `env` as its configuration. */
export function spawnEntry(entry: typeof BOT_ENTRY | typeof DEPLOY_ENTRY, env: BotEnv): BotProcess {
  if (!existsSync(join(ROOT, entry)))
    throw new Error(`${entry} is missing: run npm run build (vitest's global setup does)`);
  const full: Record<string, string> = {};
  for (const name of ALL_VARIABLES) full[name] = env[name] ?? '';
  const child = spawn(process.execPath, [entry], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...full },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new BotProcess(child);
}

export interface World {
  discord: DiscordEmulator;
  store: StoreEmulator;
  /** The environment that points a bot at both emulators. */
  env: BotEnv;
  bots: BotProcess[];
  start(extra?: BotEnv): Promise<BotProcess>;
  /** A STORE_URL of a new SQLite file, deleted with the world. */
  storeUrl(): string;
  close(): Promise<void>;
}

/** A STORE_URL of a new SQLite file in a folder of its own; whoever asks for it deletes the folder. */
export function tempStoreUrl(): string {
  return `sqlite:${join(mkdtempSync(join(tmpdir(), 'lrr-bot-')), 'bot.sqlite')}`;
}

/** What a World is started with: options for each emulator, and the bot's environment. */
export interface WorldOptions {
  discord?: DiscordEmulatorOptions;
  store?: StoreEmulatorOptions;
  env?: BotEnv;
}

export async function startWorld(options: WorldOptions = {}): Promise<World> {
  const discord = await startDiscordEmulator({ token: DISCORD_TOKEN, ...options.discord });
  const store = await startStoreEmulator({
    accounts: [
      { token: SANDBOX_TOKEN, balance: 0 },
      { token: PRODUCTION_TOKEN, balance: 1_000_000, linkedDiscordIds: ['100000000000000001'] },
    ],
    ...options.store,
  });
  const folders: string[] = [];
  const storeUrl = () => {
    const url = tempStoreUrl();
    folders.push(dirname(url.slice('sqlite:'.length)));
    return url;
  };
  const env: BotEnv = {
    DISCORD_TOKEN,
    DISCORD_API_URL: discord.apiUrl,
    LEUWONG_API_TOKEN: SANDBOX_TOKEN,
    LEUWONG_API_URL: store.baseUrl,
    STORE_URL: storeUrl(),
    LOG_LEVEL: 'debug',
    ORDER_COOLDOWN_SECONDS: '0',
    LEUWONG_ORDERS_PER_MINUTE: '1000',
    LEUWONG_MAX_CONCURRENT: '50',
    ORDERS_PER_USER_PER_MINUTE: '1000',
    ...options.env,
  };
  const bots: BotProcess[] = [];
  return {
    discord,
    store,
    env,
    bots,
    async start(extra = {}) {
      const bot = spawnBot({ ...env, ...extra });
      bots.push(bot);
      await bot.ready();
      return bot;
    },
    storeUrl,
    async close() {
      await Promise.all(bots.map((bot) => bot.stop('SIGKILL')));
      await discord.close();
      await store.close();
      for (const folder of folders) rmSync(folder, { recursive: true, force: true });
    },
  };
}

/**
 * Waits until a condition holds (polled every 20 ms; never a fixed sleep), or fails with a
 * message. The probe may be asynchronous (a request, another process).
 */
export async function until<T>(
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  what: string,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A port free on 127.0.0.1 now (for HEALTH_PORT). */
export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        resolve(typeof address === 'object' && address ? address.port : 0);
      });
    });
  });
}
