import * as z from 'zod';
import { PERSONAL_TOKEN_MODES, type PersonalTokensMode } from './tokens/accounts.js';
import { GENERATE_KEY_HELP, parseEncryptionKey } from './tokens/crypto.js';

/**
 * Every environment variable the bot reads. `.env.example` and the README's table mirror this list.
 * The whole environment is validated at once so an operator sees every problem in one go.
 */

const snowflake = z.string().regex(/^\d{17,20}$/, 'must be a Discord ID (17 to 20 digits)');

const emptyToUndefined = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

const optional = <T extends z.ZodType>(schema: T) => z.preprocess(emptyToUndefined, schema.optional());

const idList = z.preprocess(
  (value) =>
    typeof value === 'string'
      ? value
          .split(',')
          .map((part) => part.trim())
          .filter((part) => part !== '')
      : value === undefined
        ? []
        : value,
  z.array(snowflake),
);

const httpUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
  .transform((value) => value.replace(/\/+$/, ''));

/** True for a URL whose host is this machine: 127.0.0.0/8, ::1 or localhost. */
function isLoopbackUrl(value: string): boolean {
  const host = new URL(value).hostname.toLowerCase();
  return host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** The store's API carries the bearer tokens: https, or plain http only to this machine (tests, a local proxy). */
const storeApiUrl = httpUrl.refine(
  (value) => value.startsWith('https://') || isLoopbackUrl(value),
  'must be an https:// URL (http:// only for a loopback host: 127.0.0.1, ::1 or localhost)',
);

const integer = (min: number, max: number, fallback: number) =>
  z.preprocess(
    (value) => (emptyToUndefined(value) === undefined ? fallback : Number(value)),
    z
      .number({ error: `must be a whole number between ${min} and ${max}` })
      .int(`must be a whole number between ${min} and ${max}`)
      .min(min, `must be at least ${min}`)
      .max(max, `must be at most ${max}`),
  );

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const envSchema = z.object({
  DISCORD_TOKEN: z
    .string({ error: 'is required: the bot token from the Discord Developer Portal (Bot → Reset Token)' })
    .trim()
    .min(1, 'is required: the bot token from the Discord Developer Portal (Bot → Reset Token)')
    // A pasted "Bot " prefix is tolerated (warned about and stripped below); any other space is not.
    .refine((value) => !/\s/.test(value.replace(/^Bot /, '')), 'must not contain spaces'),
  DISCORD_APPLICATION_ID: optional(snowflake),
  DISCORD_GUILD_ID: optional(snowflake),
  DISCORD_API_URL: optional(httpUrl),
  LEUWONG_API_TOKEN: z
    .string({ error: 'is required: a User API token from https://leuwongrr.online/user/api-access' })
    .trim()
    .min(1, 'is required: a User API token from https://leuwongrr.online/user/api-access')
    .refine((value) => !/\s/.test(value), 'must not contain spaces'),
  LEUWONG_API_URL: z.preprocess(emptyToUndefined, storeApiUrl.default('https://leuwongrr.online/api/v1')),
  STORE_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .default('sqlite:data/bot.sqlite')
      .refine(
        (value) => /^(sqlite:.+|redis:\/\/.+|rediss:\/\/.+|memory:)$/.test(value),
        'must be sqlite:<path>, redis://…, rediss://… or memory:',
      ),
  ),
  LOG_LEVEL: z.preprocess(
    emptyToUndefined,
    z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  ),
  ORDER_COOLDOWN_SECONDS: integer(0, 3600, 5),
  LEUWONG_ORDERS_PER_MINUTE: integer(1, 10_000, 10),
  LEUWONG_MAX_CONCURRENT: integer(1, 1000, 2),
  LEUWONG_READS_PER_MINUTE: integer(1, 10_000, 60),
  ORDERS_PER_USER_PER_MINUTE: integer(1, 1000, 3),
  LEUWONG_TIMEOUT_SECONDS: integer(1, 120, 10),
  RECOVERY_INTERVAL_SECONDS: integer(1, 3600, 30),
  PAYMENT_WATCH: z.preprocess(
    emptyToUndefined,
    z.enum(['on', 'off'], { error: 'must be on or off' }).default('on'),
  ),
  PAYMENT_WATCH_SECONDS: integer(1, 3600, 60),
  ALLOWED_GUILD_IDS: idList,
  ALLOWED_CHANNEL_IDS: idList,
  REQUIRED_ROLE_ID: optional(snowflake),
  ORDER_LOG_CHANNEL_ID: optional(snowflake),
  ORDER_HISTORY_DAYS: integer(1, 365, 30),
  HEALTH_PORT: z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ error: 'must be a port number (1 to 65535)' })
      .int('must be a port number (1 to 65535)')
      .min(1, 'must be a port number (1 to 65535)')
      .max(65_535, 'must be a port number (1 to 65535)')
      .optional(),
  ),
  HEALTH_HOST: z.preprocess(emptyToUndefined, z.string().default('127.0.0.1')),
  TOKEN_ENCRYPTION_KEY: optional(
    z
      .string()
      .trim()
      .transform((value, ctx) => {
        const key = parseEncryptionKey(value);
        if (key === undefined) {
          ctx.issues.push({
            code: 'custom',
            input: value,
            message: `must be 32 random bytes written as 64 hex characters or as base64: ${GENERATE_KEY_HELP}`,
          });
          return z.NEVER;
        }
        return key;
      }),
  ),
  PERSONAL_TOKENS: optional(
    z.enum(PERSONAL_TOKEN_MODES, { error: `must be one of ${PERSONAL_TOKEN_MODES.join(', ')}` }),
  ),
});

/** The name of every environment variable the bot reads (documented in .env.example and the README). */
export const ENV_VARIABLES = Object.keys(envSchema.shape) as readonly (keyof typeof envSchema.shape)[];

export interface Config {
  discord: {
    token: string;
    applicationId: string | undefined;
    guildId: string | undefined;
    apiUrl: string | undefined;
  };
  leuwong: {
    token: string;
    apiUrl: string;
    ordersPerMinute: number;
    maxConcurrent: number;
    readsPerMinute: number;
    /** Per attempt; the whole call (retries included) may take four times as long. */
    timeoutSeconds: number;
  };
  recoveryIntervalSeconds: number;
  /** The staff log's channel (ORDER_LOG_CHANNEL_ID), if any. */
  orderLogChannelId: string | undefined;
  /** Days a user's orders stay in /orders (ORDER_HISTORY_DAYS). */
  orderHistoryDays: number;
  /** Watching pending invoices until paid: undefined when PAYMENT_WATCH=off. */
  paymentWatch: { firstCheckSeconds: number } | undefined;
  storeUrl: string;
  logLevel: (typeof LOG_LEVELS)[number];
  orderCooldownSeconds: number;
  /** One user's share of the shop token's create-order budget, a minute. */
  ordersPerUserPerMinute: number;
  access: {
    guildIds: readonly string[];
    channelIds: readonly string[];
    requiredRoleId: string | undefined;
  };
  health: { port: number; host: string } | undefined;
  /** Members' own LeuwongRR tokens (/link): PERSONAL_TOKENS and TOKEN_ENCRYPTION_KEY. */
  personalTokens: {
    mode: PersonalTokensMode;
    /** The 32-byte AES-256-GCM key, or undefined when TOKEN_ENCRYPTION_KEY is unset (then mode is off). */
    encryptionKey: Buffer | undefined;
    /** True when PERSONAL_TOKENS was set, false when the mode is the default derived from the key. */
    explicit: boolean;
  };
}

export type ConfigResult = { ok: true; config: Config; warnings: string[] } | { ok: false; errors: string[] };

const TOKEN_PREFIXES = ['lrrs_v1_', 'lrrp_v1_'] as const;

/** Validates an environment (normally `process.env`) and reports every problem at once. */
export function parseConfig(env: Record<string, string | undefined>): ConfigResult {
  const parsed = envSchema.safeParse(env);
  const crossErrors = personalTokenErrors(env);
  if (!parsed.success || crossErrors.length > 0) {
    const errors = (parsed.error?.issues ?? []).map((issue) => {
      const name = issue.path.map(String).join('.') || 'environment';
      return `${name} ${issue.message}`;
    });
    return { ok: false, errors: [...errors, ...crossErrors] };
  }
  return { ok: true, warnings: warningsOf(parsed.data), config: toConfig(parsed.data) };
}

type Env = z.infer<typeof envSchema>;

/** Values that work but are probably a mistake. */
function warningsOf(e: Env): string[] {
  const warnings: string[] = [];
  if (!TOKEN_PREFIXES.some((prefix) => e.LEUWONG_API_TOKEN.startsWith(prefix))) {
    warnings.push(
      'LEUWONG_API_TOKEN does not start with lrrs_v1_ (sandbox) or lrrp_v1_ (production); check that you copied a User API token',
    );
  }
  if (e.DISCORD_TOKEN.startsWith('Bot ')) {
    warnings.push('DISCORD_TOKEN starts with "Bot ": paste only the token itself');
  }
  return warnings;
}

function toConfig(e: Env): Config {
  return {
    discord: {
      token: e.DISCORD_TOKEN.replace(/^Bot /, ''),
      applicationId: e.DISCORD_APPLICATION_ID,
      guildId: e.DISCORD_GUILD_ID,
      apiUrl: e.DISCORD_API_URL,
    },
    leuwong: {
      token: e.LEUWONG_API_TOKEN,
      apiUrl: e.LEUWONG_API_URL,
      ordersPerMinute: e.LEUWONG_ORDERS_PER_MINUTE,
      maxConcurrent: e.LEUWONG_MAX_CONCURRENT,
      readsPerMinute: e.LEUWONG_READS_PER_MINUTE,
      timeoutSeconds: e.LEUWONG_TIMEOUT_SECONDS,
    },
    recoveryIntervalSeconds: e.RECOVERY_INTERVAL_SECONDS,
    orderLogChannelId: e.ORDER_LOG_CHANNEL_ID,
    orderHistoryDays: e.ORDER_HISTORY_DAYS,
    paymentWatch: e.PAYMENT_WATCH === 'off' ? undefined : { firstCheckSeconds: e.PAYMENT_WATCH_SECONDS },
    storeUrl: e.STORE_URL,
    logLevel: e.LOG_LEVEL,
    orderCooldownSeconds: e.ORDER_COOLDOWN_SECONDS,
    ordersPerUserPerMinute: e.ORDERS_PER_USER_PER_MINUTE,
    access: {
      guildIds: e.ALLOWED_GUILD_IDS,
      channelIds: e.ALLOWED_CHANNEL_IDS,
      requiredRoleId: e.REQUIRED_ROLE_ID,
    },
    health: e.HEALTH_PORT === undefined ? undefined : { port: e.HEALTH_PORT, host: e.HEALTH_HOST },
    personalTokens: {
      // With a key, members may link unless the operator says otherwise; without one, never.
      mode: e.PERSONAL_TOKENS ?? (e.TOKEN_ENCRYPTION_KEY === undefined ? 'off' : 'optional'),
      encryptionKey: e.TOKEN_ENCRYPTION_KEY,
      explicit: e.PERSONAL_TOKENS !== undefined,
    },
  };
}

/** Personal tokens asked for without a key to keep them encrypted: refused, with how to make one. */
function personalTokenErrors(env: Record<string, string | undefined>): string[] {
  const mode = env.PERSONAL_TOKENS?.trim() ?? '';
  const key = env.TOKEN_ENCRYPTION_KEY?.trim() ?? '';
  if ((mode === 'optional' || mode === 'required-for-balance') && key === '') {
    return [
      `PERSONAL_TOKENS=${mode} needs TOKEN_ENCRYPTION_KEY to keep members' tokens encrypted: ${GENERATE_KEY_HELP}`,
    ];
  }
  return [];
}
