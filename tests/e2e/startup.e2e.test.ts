import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openKv } from '../../src/store/kv.js';
import { TokenVault } from '../../src/tokens/vault.js';
import { ledgerFor, placeOrder } from './flows.js';
import { SANDBOX_TOKEN, spawnBot, startWorld, type World } from './harness.js';

const MEMBER = '100000000000000031';
const MEMBER_TOKEN = 'lrrp_v1_startup_member_token_0123456789';

/** A record store in which a member linked their token with `key`, written by the bot's own vault. */
async function storeWithLinkedToken(storeUrl: string, key: Buffer): Promise<void> {
  const kv = await openKv(storeUrl, pino({ level: 'silent' }));
  try {
    const vault = new TokenVault({ kv, key, now: Date.now });
    await vault.link(MEMBER, MEMBER_TOKEN, { environment: 'production', accountStatus: 'active' });
  } finally {
    await kv.close();
  }
}

describe('starting with members’ tokens stored and no TOKEN_ENCRYPTION_KEY', () => {
  let world: World;
  let storeUrl: string;

  beforeAll(async () => {
    world = await startWorld({ store: { rateLimit: false } });
    storeUrl = world.storeUrl();
    await storeWithLinkedToken(storeUrl, randomBytes(32));
  }, 30_000);

  afterAll(async () => {
    await world.close();
  });

  it('refuses to start (exit 1), saying to set the key back or PERSONAL_TOKENS=off', async () => {
    const bot = spawnBot({ ...world.env, STORE_URL: storeUrl });
    world.bots.push(bot);
    const exit = await bot.exited;
    expect(exit.code).toBe(1);
    const output = bot.output.join('\n');
    expect(output).toContain(
      "Members' linked LeuwongRR tokens are stored but TOKEN_ENCRYPTION_KEY is not set",
    );
    expect(output).toContain('PERSONAL_TOKENS=off');
    expect(output).not.toContain('the bot could not start');
    expect(output).not.toContain('slash commands');
    expect(world.discord.commands.global).toEqual([]);
  });

  it('starts with PERSONAL_TOKENS=off set explicitly, and orders go on the shop’s token', async () => {
    const bot = await world.start({ STORE_URL: storeUrl, PERSONAL_TOKENS: 'off' });
    await bot.waitForLog(
      (line) => line.msg === 'personal tokens are off: every order uses LEUWONG_API_TOKEN',
    );
    const flow = await placeOrder(world, { userId: MEMBER });
    expect(ledgerFor(world, flow.command.id)[0]?.token).toBe(SANDBOX_TOKEN);
  });

  it('starts without the key when no member token is stored', async () => {
    const bot = await world.start({ STORE_URL: world.storeUrl() });
    expect(bot.alive).toBe(true);
  });
});
