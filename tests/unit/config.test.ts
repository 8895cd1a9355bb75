import { describe, expect, it } from 'vitest';

import { LOG_LEVELS, parseConfig, type Config, type ConfigResult } from '../../src/config.js';

const DISCORD_TOKEN = 'MTI2MjAyNDE0ODkzOTQ0MDI0OQ.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789';
const SANDBOX_TOKEN = 'lrrs_v1_0123456789abcdef';
const GUILD = '1262024148939440249';
const CHANNEL = '1262024148939440250';
const ROLE = '1262024148939440251';

const minimal = { DISCORD_TOKEN, LEUWONG_API_TOKEN: SANDBOX_TOKEN };

function ok(result: ConfigResult): { config: Config; warnings: string[] } {
  if (!result.ok) throw new Error(`expected a valid config, got: ${result.errors.join('; ')}`);
  return result;
}

function errors(result: ConfigResult): string[] {
  if (result.ok) throw new Error('expected configuration errors, got a valid config');
  return result.errors;
}

describe('parseConfig', () => {
  describe('defaults', () => {
    it('needs only the two tokens and fills in everything else', () => {
      const { config, warnings } = ok(parseConfig(minimal));
      expect(warnings).toEqual([]);
      expect(config).toMatchObject({
        discord: { token: DISCORD_TOKEN, applicationId: undefined, guildId: undefined, apiUrl: undefined },
        leuwong: {
          token: SANDBOX_TOKEN,
          apiUrl: 'https://leuwongrr.online/api/v1',
          ordersPerMinute: 10,
          maxConcurrent: 2,
        },
        storeUrl: 'sqlite:data/bot.sqlite',
        logLevel: 'info',
        orderCooldownSeconds: 5,
        access: { guildIds: [], channelIds: [], requiredRoleId: undefined },
        health: undefined,
      });
    });

    it('treats empty and blank variables as unset (a .env line like `LOG_LEVEL=`)', () => {
      const { config } = ok(
        parseConfig({
          ...minimal,
          DISCORD_APPLICATION_ID: '',
          DISCORD_GUILD_ID: '  ',
          DISCORD_API_URL: '',
          LEUWONG_API_URL: '',
          STORE_URL: ' ',
          LOG_LEVEL: '',
          ORDER_COOLDOWN_SECONDS: '',
          LEUWONG_ORDERS_PER_MINUTE: ' ',
          LEUWONG_MAX_CONCURRENT: '',
          ALLOWED_GUILD_IDS: '',
          ALLOWED_CHANNEL_IDS: ' , ',
          REQUIRED_ROLE_ID: '',
          HEALTH_PORT: '',
          HEALTH_HOST: '',
        }),
      );
      expect(config).toMatchObject({
        discord: { applicationId: undefined, guildId: undefined, apiUrl: undefined },
        leuwong: { apiUrl: 'https://leuwongrr.online/api/v1', ordersPerMinute: 10, maxConcurrent: 2 },
        storeUrl: 'sqlite:data/bot.sqlite',
        logLevel: 'info',
        orderCooldownSeconds: 5,
        access: { guildIds: [], channelIds: [], requiredRoleId: undefined },
        health: undefined,
      });
    });

    it('reads every variable when given', () => {
      const { config } = ok(
        parseConfig({
          ...minimal,
          DISCORD_APPLICATION_ID: GUILD,
          DISCORD_GUILD_ID: GUILD,
          DISCORD_API_URL: 'http://127.0.0.1:9000/api/',
          LEUWONG_API_URL: 'http://localhost:8080/api/v1/',
          STORE_URL: 'redis://localhost:6379/0',
          LOG_LEVEL: 'debug',
          ORDER_COOLDOWN_SECONDS: '0',
          LEUWONG_ORDERS_PER_MINUTE: '60',
          LEUWONG_MAX_CONCURRENT: '3',
          ALLOWED_GUILD_IDS: GUILD,
          ALLOWED_CHANNEL_IDS: CHANNEL,
          REQUIRED_ROLE_ID: ROLE,
          HEALTH_PORT: '8080',
          HEALTH_HOST: '0.0.0.0',
        }),
      );
      expect(config).toMatchObject({
        discord: { applicationId: GUILD, guildId: GUILD, apiUrl: 'http://127.0.0.1:9000/api' },
        leuwong: { apiUrl: 'http://localhost:8080/api/v1', ordersPerMinute: 60, maxConcurrent: 3 },
        storeUrl: 'redis://localhost:6379/0',
        logLevel: 'debug',
        orderCooldownSeconds: 0,
        access: { guildIds: [GUILD], channelIds: [CHANNEL], requiredRoleId: ROLE },
        health: { port: 8080, host: '0.0.0.0' },
      });
    });

    it('watches payments by default, first after PAYMENT_WATCH_SECONDS, and not at all when off', () => {
      expect(ok(parseConfig(minimal)).config.paymentWatch).toEqual({ firstCheckSeconds: 60 });
      expect(ok(parseConfig({ ...minimal, PAYMENT_WATCH_SECONDS: '5' })).config.paymentWatch).toEqual({
        firstCheckSeconds: 5,
      });
      expect(ok(parseConfig({ ...minimal, PAYMENT_WATCH: 'off' })).config.paymentWatch).toBeUndefined();
      expect(errors(parseConfig({ ...minimal, PAYMENT_WATCH: 'maybe' }))).toEqual([
        'PAYMENT_WATCH must be on or off',
      ]);
    });

    it('keeps the order history ORDER_HISTORY_DAYS, 30 by default, 1 to 365', () => {
      expect(ok(parseConfig(minimal)).config.orderHistoryDays).toBe(30);
      expect(ok(parseConfig({ ...minimal, ORDER_HISTORY_DAYS: '7' })).config.orderHistoryDays).toBe(7);
      expect(errors(parseConfig({ ...minimal, ORDER_HISTORY_DAYS: '0' }))).toHaveLength(1);
      expect(errors(parseConfig({ ...minimal, ORDER_HISTORY_DAYS: '366' }))[0]).toMatch(
        /^ORDER_HISTORY_DAYS /,
      );
    });

    it('uses 127.0.0.1 as the health host when only the port is set', () => {
      expect(ok(parseConfig({ ...minimal, HEALTH_PORT: '9100' })).config.health).toEqual({
        port: 9100,
        host: '127.0.0.1',
      });
    });
  });

  describe('errors', () => {
    it('reports every problem at once, each starting with the variable name', () => {
      const result = errors(
        parseConfig({
          DISCORD_APPLICATION_ID: '123',
          DISCORD_API_URL: 'not a url',
          LEUWONG_API_URL: 'ftp://leuwongrr.online/api/v1',
          STORE_URL: 'postgres://db',
          LOG_LEVEL: 'verbose',
          ORDER_COOLDOWN_SECONDS: '-1',
          LEUWONG_ORDERS_PER_MINUTE: '1.5',
          LEUWONG_MAX_CONCURRENT: 'many',
          ALLOWED_GUILD_IDS: `${GUILD}, nope`,
          REQUIRED_ROLE_ID: 'admin',
          HEALTH_PORT: '70000',
        }),
      );
      const names = [
        'DISCORD_TOKEN',
        'LEUWONG_API_TOKEN',
        'DISCORD_APPLICATION_ID',
        'DISCORD_API_URL',
        'LEUWONG_API_URL',
        'STORE_URL',
        'LOG_LEVEL',
        'ORDER_COOLDOWN_SECONDS',
        'LEUWONG_ORDERS_PER_MINUTE',
        'LEUWONG_MAX_CONCURRENT',
        'ALLOWED_GUILD_IDS',
        'REQUIRED_ROLE_ID',
        'HEALTH_PORT',
      ];
      expect(result).toHaveLength(names.length);
      for (const name of names) {
        expect(
          result.filter((line) => line.startsWith(`${name} `) || line.startsWith(`${name}.`)),
        ).toHaveLength(1);
      }
    });

    it('explains where to find each missing token', () => {
      const result = errors(parseConfig({}));
      expect(result).toEqual([
        expect.stringMatching(/^DISCORD_TOKEN is required: .*Developer Portal/),
        expect.stringMatching(/^LEUWONG_API_TOKEN is required: .*api-access/),
      ]);
    });

    it.each(['', '   '])('treats a blank token (%j) as missing', (blank) => {
      expect(errors(parseConfig({ DISCORD_TOKEN: blank, LEUWONG_API_TOKEN: blank }))).toEqual([
        expect.stringMatching(/^DISCORD_TOKEN is required/),
        expect.stringMatching(/^LEUWONG_API_TOKEN is required/),
      ]);
    });

    it('refuses tokens with spaces inside, without echoing the token', () => {
      const result = errors(
        parseConfig({
          DISCORD_TOKEN: 'abc def-secretpart',
          LEUWONG_API_TOKEN: 'lrrs_v1_abc other-secretpart',
        }),
      );
      expect(result).toEqual([
        'DISCORD_TOKEN must not contain spaces',
        'LEUWONG_API_TOKEN must not contain spaces',
      ]);
      expect(result.join('\n')).not.toMatch(/secretpart/);
    });

    it('trims surrounding whitespace from tokens (a pasted newline is not an error)', () => {
      const { config } = ok(
        parseConfig({ DISCORD_TOKEN: ` ${DISCORD_TOKEN}\n`, LEUWONG_API_TOKEN: ` ${SANDBOX_TOKEN} ` }),
      );
      expect(config.discord.token).toBe(DISCORD_TOKEN);
      expect(config.leuwong.token).toBe(SANDBOX_TOKEN);
    });

    it.each([
      ['not a url'],
      ['leuwongrr.online/api/v1'],
      ['ftp://leuwongrr.online'],
      ['javascript:alert(1)'],
      ['file:///etc/passwd'],
      ['https://'],
    ])('refuses LEUWONG_API_URL=%j', (url) => {
      expect(errors(parseConfig({ ...minimal, LEUWONG_API_URL: url }))).toEqual([
        'LEUWONG_API_URL must be an http:// or https:// URL',
      ]);
    });

    it.each([
      'http://leuwongrr.online/api/v1',
      'http://10.0.0.5:8080/api/v1',
      'http://128.0.0.1/api/v1',
      'http://localhost.evil.example/api/v1',
      'http://127.0.0.1.evil.example/api/v1',
    ])('refuses a plain http LEUWONG_API_URL off this machine: %s', (url) => {
      expect(errors(parseConfig({ ...minimal, LEUWONG_API_URL: url }))).toEqual([
        'LEUWONG_API_URL must be an https:// URL (http:// only for a loopback host: 127.0.0.1, ::1 or localhost)',
      ]);
    });

    it.each([
      'http://127.0.0.1:8080/api/v1',
      'http://127.9.8.7/api/v1',
      'http://[::1]:8080/api/v1',
      'http://localhost/api/v1',
      'http://LOCALHOST:1/api/v1',
      'https://leuwongrr.online/api/v1',
    ])('accepts LEUWONG_API_URL=%s', (url) => {
      expect(ok(parseConfig({ ...minimal, LEUWONG_API_URL: url })).config.leuwong.apiUrl).toBe(url);
    });

    it('refuses a DISCORD_API_URL that is not http(s)', () => {
      expect(errors(parseConfig({ ...minimal, DISCORD_API_URL: 'ws://localhost' }))).toEqual([
        'DISCORD_API_URL must be an http:// or https:// URL',
      ]);
    });

    it('strips trailing slashes from URLs', () => {
      const { config } = ok(
        parseConfig({ ...minimal, LEUWONG_API_URL: 'https://leuwongrr.online/api/v1///' }),
      );
      expect(config.leuwong.apiUrl).toBe('https://leuwongrr.online/api/v1');
    });

    it.each([
      'sqlite:data/bot.sqlite',
      'sqlite::memory:',
      'redis://localhost:6379',
      'rediss://user:pw@host:6380/1',
      'memory:',
    ])('accepts STORE_URL=%s', (url) => {
      expect(ok(parseConfig({ ...minimal, STORE_URL: url })).config.storeUrl).toBe(url);
    });

    it.each(['sqlite:', 'redis://', 'postgres://db/x', 'memory', 'data/bot.sqlite'])(
      'refuses STORE_URL=%s',
      (url) => {
        expect(errors(parseConfig({ ...minimal, STORE_URL: url }))).toEqual([
          expect.stringMatching(/^STORE_URL must be sqlite:<path>, redis:\/\/…, rediss:\/\/… or memory:$/),
        ]);
      },
    );

    it.each(LOG_LEVELS)('accepts LOG_LEVEL=%s', (level) => {
      expect(ok(parseConfig({ ...minimal, LOG_LEVEL: level })).config.logLevel).toBe(level);
    });

    it.each(['INFO', 'verbose', 'warning', '10'])(
      'refuses LOG_LEVEL=%s and lists the allowed levels',
      (level) => {
        expect(errors(parseConfig({ ...minimal, LOG_LEVEL: level }))).toEqual([
          `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`,
        ]);
      },
    );
  });

  describe('numbers', () => {
    it.each([
      ['ORDER_COOLDOWN_SECONDS', '0', 'orderCooldownSeconds', 0],
      ['ORDER_COOLDOWN_SECONDS', '3600', 'orderCooldownSeconds', 3600],
      ['ORDER_COOLDOWN_SECONDS', ' 30 ', 'orderCooldownSeconds', 30],
    ] as const)('accepts %s=%j at the edge of its range', (name, value, _key, expected) => {
      expect(ok(parseConfig({ ...minimal, [name]: value })).config.orderCooldownSeconds).toBe(expected);
    });

    it('accepts the edges of the store limits', () => {
      const low = ok(
        parseConfig({ ...minimal, LEUWONG_ORDERS_PER_MINUTE: '1', LEUWONG_MAX_CONCURRENT: '1' }),
      );
      expect(low.config.leuwong).toMatchObject({ ordersPerMinute: 1, maxConcurrent: 1 });
      const high = ok(
        parseConfig({ ...minimal, LEUWONG_ORDERS_PER_MINUTE: '10000', LEUWONG_MAX_CONCURRENT: '1000' }),
      );
      expect(high.config.leuwong).toMatchObject({ ordersPerMinute: 10_000, maxConcurrent: 1000 });
    });

    it.each([
      ['ORDER_COOLDOWN_SECONDS', '-1', 'ORDER_COOLDOWN_SECONDS must be at least 0'],
      ['ORDER_COOLDOWN_SECONDS', '3601', 'ORDER_COOLDOWN_SECONDS must be at most 3600'],
      ['ORDER_COOLDOWN_SECONDS', '2.5', 'ORDER_COOLDOWN_SECONDS must be a whole number between 0 and 3600'],
      ['ORDER_COOLDOWN_SECONDS', 'five', 'ORDER_COOLDOWN_SECONDS must be a whole number between 0 and 3600'],
      ['LEUWONG_ORDERS_PER_MINUTE', '0', 'LEUWONG_ORDERS_PER_MINUTE must be at least 1'],
      ['LEUWONG_ORDERS_PER_MINUTE', '10001', 'LEUWONG_ORDERS_PER_MINUTE must be at most 10000'],
      ['LEUWONG_MAX_CONCURRENT', '0', 'LEUWONG_MAX_CONCURRENT must be at least 1'],
      ['LEUWONG_MAX_CONCURRENT', '1001', 'LEUWONG_MAX_CONCURRENT must be at most 1000'],
      [
        'LEUWONG_MAX_CONCURRENT',
        'Infinity',
        'LEUWONG_MAX_CONCURRENT must be a whole number between 1 and 1000',
      ],
    ])('refuses %s=%j', (name, value, message) => {
      expect(errors(parseConfig({ ...minimal, [name]: value }))).toEqual([message]);
    });

    it.each(['65536', '-1', 'http', '80.5'])('refuses HEALTH_PORT=%j', (port) => {
      expect(errors(parseConfig({ ...minimal, HEALTH_PORT: port }))).toEqual([
        'HEALTH_PORT must be a port number (1 to 65535)',
      ]);
    });
  });

  describe('ID lists and IDs', () => {
    it('splits ALLOWED_GUILD_IDS and ALLOWED_CHANNEL_IDS on commas, trimming spaces and skipping empty parts', () => {
      const { config } = ok(
        parseConfig({
          ...minimal,
          ALLOWED_GUILD_IDS: ` ${GUILD} ,, ${CHANNEL},`,
          ALLOWED_CHANNEL_IDS: CHANNEL,
        }),
      );
      expect(config.access.guildIds).toEqual([GUILD, CHANNEL]);
      expect(config.access.channelIds).toEqual([CHANNEL]);
    });

    it('names the list entry that is not a Discord ID', () => {
      expect(errors(parseConfig({ ...minimal, ALLOWED_GUILD_IDS: `${GUILD},12345,#general` }))).toEqual([
        'ALLOWED_GUILD_IDS.1 must be a Discord ID (17 to 20 digits)',
        'ALLOWED_GUILD_IDS.2 must be a Discord ID (17 to 20 digits)',
      ]);
      expect(errors(parseConfig({ ...minimal, ALLOWED_CHANNEL_IDS: 'general' }))).toEqual([
        'ALLOWED_CHANNEL_IDS.0 must be a Discord ID (17 to 20 digits)',
      ]);
    });

    it.each(['DISCORD_APPLICATION_ID', 'DISCORD_GUILD_ID', 'REQUIRED_ROLE_ID'])(
      'accepts 17 to 20 digits in %s and nothing else',
      (name) => {
        expect(parseConfig({ ...minimal, [name]: '1'.repeat(17) }).ok).toBe(true);
        expect(parseConfig({ ...minimal, [name]: '1'.repeat(20) }).ok).toBe(true);
        for (const bad of ['1'.repeat(16), '1'.repeat(21), '<@&1262024148939440249>', 'abc']) {
          expect(errors(parseConfig({ ...minimal, [name]: bad }))).toEqual([
            `${name} must be a Discord ID (17 to 20 digits)`,
          ]);
        }
      },
    );
  });

  describe('warnings', () => {
    it.each(['lrrs_v1_abcdef', 'lrrp_v1_abcdef'])('does not warn about a %s… token', (token) => {
      expect(ok(parseConfig({ ...minimal, LEUWONG_API_TOKEN: token })).warnings).toEqual([]);
    });

    it.each(['abcdef', 'lrr_v1_abcdef', 'LRRS_V1_abcdef', 'Bearer_lrrs_v1_abc'])(
      'warns when LEUWONG_API_TOKEN (%s) has neither documented prefix, but still starts',
      (token) => {
        const { config, warnings } = ok(parseConfig({ ...minimal, LEUWONG_API_TOKEN: token }));
        expect(config.leuwong.token).toBe(token);
        expect(warnings).toEqual([
          expect.stringMatching(/^LEUWONG_API_TOKEN does not start with lrrs_v1_.*lrrp_v1_/),
        ]);
        expect(warnings.join('\n')).not.toContain(token);
      },
    );

    it('accepts a Discord token pasted with its "Bot " prefix: warns and strips the prefix', () => {
      const { config, warnings } = ok(parseConfig({ ...minimal, DISCORD_TOKEN: `Bot ${DISCORD_TOKEN}` }));
      expect(config.discord.token).toBe(DISCORD_TOKEN);
      expect(warnings).toEqual([expect.stringMatching(/^DISCORD_TOKEN starts with "Bot "/)]);
    });

    it('still refuses a "Bot " token with more spaces in it', () => {
      expect(errors(parseConfig({ ...minimal, DISCORD_TOKEN: 'Bot abc def' }))).toEqual([
        'DISCORD_TOKEN must not contain spaces',
      ]);
    });
  });
});
