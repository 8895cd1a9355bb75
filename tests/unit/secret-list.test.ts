import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { createServices, type Services } from '../../src/services.js';

const DISCORD_TOKEN = 'secret-list.discord-bot-token.0123456789';
const SHOP_TOKEN = 'lrrs_v1_secret_list_shop_token_0123';
const ALICE = '100000000000000011';
const BOB = '100000000000000012';
const ALICE_TOKEN = 'lrrp_v1_secret_list_alice_token_0123';
const BOB_TOKEN = 'lrrp_v1_secret_list_bob_token_01234';
const META = { environment: 'production', accountStatus: 'active' } as const;

let services: Services | undefined;
afterEach(async () => {
  await services?.close();
  services = undefined;
});

/** The bot's services as main.ts builds them, with the logger's list of secrets. */
async function start(): Promise<{ services: Services; secrets: string[] }> {
  const result = parseConfig({
    DISCORD_TOKEN,
    LEUWONG_API_TOKEN: SHOP_TOKEN,
    STORE_URL: 'memory:',
    TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
  });
  if (!result.ok) throw new Error(result.errors.join('; '));
  const secrets = [DISCORD_TOKEN, SHOP_TOKEN];
  services = await createServices(result.config, pino({ level: 'silent' }), { secrets });
  return { services, secrets };
}

describe('the log scrubber’s list of members’ tokens', () => {
  it('gains a token when it is linked and loses it when the member unlinks', async () => {
    const { services, secrets } = await start();
    const { vault } = services.accounts;
    await vault.link(ALICE, ALICE_TOKEN, META);
    await vault.link(BOB, BOB_TOKEN, META);
    expect(secrets).toEqual([DISCORD_TOKEN, SHOP_TOKEN, ALICE_TOKEN, BOB_TOKEN]);
    expect(await vault.unlink(ALICE)).toBe(true);
    expect(secrets).toEqual([DISCORD_TOKEN, SHOP_TOKEN, BOB_TOKEN]);
  });

  it('loses a token the store refused or the member replaced, and keeps the one linked now', async () => {
    const { services, secrets } = await start();
    const { vault } = services.accounts;
    const refused = await vault.link(ALICE, ALICE_TOKEN, META);
    await services.accounts.refused(ALICE, refused.tokenId, pino({ level: 'silent' }));
    expect(secrets).toEqual([DISCORD_TOKEN, SHOP_TOKEN]);
    const old = await vault.link(BOB, BOB_TOKEN, META);
    const replacement = 'lrrp_v1_secret_list_bob_second_token';
    await vault.link(BOB, replacement, META);
    // Linking another token replaces the old one, on the list too.
    expect(secrets).toEqual([DISCORD_TOKEN, SHOP_TOKEN, replacement]);
    await services.accounts.refused(BOB, old.tokenId, pino({ level: 'silent' }));
    expect(secrets).toEqual([DISCORD_TOKEN, SHOP_TOKEN, replacement]);
  });

  it('keeps the operator’s own tokens when a member who pasted one of them unlinks', async () => {
    const { services, secrets } = await start();
    await services.accounts.vault.link(ALICE, SHOP_TOKEN, META);
    await services.accounts.vault.unlink(ALICE);
    expect(secrets).toEqual([DISCORD_TOKEN, SHOP_TOKEN]);
  });
});
