import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import pino from 'pino';
import { describe, expect, it } from 'vitest';

import { parseConfig, type ConfigResult } from '../../src/config.js';
import { RefusalError } from '../../src/errors.js';
import { scrub } from '../../src/logger.js';
import { buildLinkModal } from '../../commands/link/modal.js';
import { renderAccount, renderLinked } from '../../src/messages/account.js';
import { english } from '../../src/messages/en.js';
import { renderRefusal, renderUpstream } from '../../src/messages/errors.js';
import { indonesian } from '../../src/messages/id.js';
import type { Messages } from '../../src/messages/index.js';
import type { RecordedError } from '../../src/errors.js';
import type { Balance } from '../../src/leuwong/schema.js';
import type { ClaimableAdapter } from '../../src/store/adapter.js';
import { Kv } from '../../src/store/kv.js';
import { MemoryAdapter } from '../../src/store/memory.js';
import { RedisAdapter } from '../../src/store/redis.js';
import { StoredTokensWithoutKeyError, refuseStoredTokensWithoutKey } from '../../src/tokens/stored-check.js';
import { Accounts, type PersonalTokensMode } from '../../src/tokens/accounts.js';
import {
  deriveKeys,
  isPlausibleToken,
  openToken,
  parseEncryptionKey,
  sealToken,
  tokenFingerprint,
  tokenEnvironment,
  tokenPrefix,
  TOKEN_MAX_LENGTH,
  TOKEN_MIN_LENGTH,
} from '../../src/tokens/crypto.js';
import { TokenVault } from '../../src/tokens/vault.js';

const KEY_HEX = '3f1c9a7be2d4560f8a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6071';
const KEY = Buffer.from(KEY_HEX, 'hex');
const OTHER_KEY = Buffer.from('0f1e2d3c4b5a69788796a5b4c3d2e1f00112233445566778899aabbccddeeff0', 'hex');
const TOKEN = 'lrrs_v1_member_personal_token_0123456789abcdef';
const OPERATOR_TOKEN = 'lrrp_v1_operator_token_0123456789abcdef';
const OPERATOR = { kind: 'operator', token: OPERATOR_TOKEN };
const ALICE = '100000000000000011';
const BOB = '100000000000000012';

const snowflake = fc.stringMatching(/^[1-9]\d{16,19}$/);
const tokenText = fc.string({ minLength: 1, maxLength: 200 });

/** Flips one bit of one decoded part of a sealed token and encodes it again. */
function tamper(sealed: string, part: number, byte: number): string {
  const parts = sealed.split('.');
  const bytes = Buffer.from(parts[part]!, 'base64url');
  bytes[byte % bytes.length]! ^= 0x01;
  parts[part] = bytes.toString('base64url');
  return parts.join('.');
}

describe('parseEncryptionKey', () => {
  it('reads 64 hex characters, in either case, and trims spaces', () => {
    expect(parseEncryptionKey(KEY_HEX)).toEqual(KEY);
    expect(parseEncryptionKey(KEY_HEX.toUpperCase())).toEqual(KEY);
    expect(parseEncryptionKey(`  ${KEY_HEX}\n`)).toEqual(KEY);
  });

  it('reads base64 and base64url, padded or not', () => {
    expect(parseEncryptionKey(KEY.toString('base64'))).toEqual(KEY);
    expect(parseEncryptionKey(KEY.toString('base64').replace(/=$/, ''))).toEqual(KEY);
    expect(parseEncryptionKey(KEY.toString('base64url'))).toEqual(KEY);
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (bytes) => {
        const key = Buffer.from(bytes);
        fc.pre(!key.every((b) => b === key[0]));
        expect(parseEncryptionKey(key.toString('hex'))).toEqual(key);
        expect(parseEncryptionKey(key.toString('base64'))).toEqual(key);
        expect(parseEncryptionKey(key.toString('base64url'))).toEqual(key);
      }),
    );
  });

  it.each([
    ['empty', ''],
    ['63 hex characters', KEY_HEX.slice(1)],
    ['65 hex characters', `${KEY_HEX}0`],
    ['a passphrase', 'correct horse battery staple correct horse battery'],
    ['16 bytes of base64', randomBytes(16).toString('base64')],
    ['48 bytes of base64', randomBytes(48).toString('base64')],
    ['hex with a non-hex character', `${KEY_HEX.slice(0, 63)}g`],
    ['all zeros', '0'.repeat(64)],
    ['one repeated byte', 'ab'.repeat(32)],
  ])('refuses %s', (_name, text) => {
    expect(parseEncryptionKey(text)).toBeUndefined();
  });
});

describe('sealToken and openToken', () => {
  const keys = deriveKeys(KEY);
  const otherKeys = deriveKeys(OTHER_KEY);

  it('open what they sealed, for the same user and key', () => {
    fc.assert(
      fc.property(tokenText, snowflake, (token, userId) => {
        expect(openToken(sealToken(token, userId, keys), userId, keys)).toBe(token);
      }),
    );
  });

  it('cannot be opened with another user’s ID: a record moved to another member is useless', () => {
    fc.assert(
      fc.property(tokenText, snowflake, snowflake, (token, owner, other) => {
        fc.pre(owner !== other);
        expect(openToken(sealToken(token, owner, keys), other, keys)).toBeUndefined();
      }),
    );
    expect(openToken(sealToken(TOKEN, ALICE, keys), BOB, keys)).toBeUndefined();
  });

  it('cannot be opened with a wrong key', () => {
    fc.assert(
      fc.property(tokenText, snowflake, (token, userId) => {
        expect(openToken(sealToken(token, userId, keys), userId, otherKeys)).toBeUndefined();
      }),
    );
  });

  it('detects any altered bit of the IV, the ciphertext or the tag', () => {
    const sealed = sealToken(TOKEN, ALICE, keys);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 }), fc.nat(), (part, byte) => {
        expect(openToken(tamper(sealed, part, byte), ALICE, keys)).toBeUndefined();
      }),
    );
  });

  it('use a versioned format with a fresh 12-byte IV and a 16-byte tag each time', () => {
    const a = sealToken(TOKEN, ALICE, keys);
    const b = sealToken(TOKEN, ALICE, keys);
    expect(a).not.toBe(b);
    const [version, iv, ciphertext, tag] = a.split('.');
    expect(version).toBe('v1');
    expect(Buffer.from(iv!, 'base64url')).toHaveLength(12);
    expect(Buffer.from(tag!, 'base64url')).toHaveLength(16);
    expect(Buffer.from(ciphertext!, 'base64url')).toHaveLength(Buffer.byteLength(TOKEN));
    expect(openToken(a.replace(/^v1\./, 'v2.'), ALICE, keys)).toBeUndefined();
  });

  it('never put the token, or an encoding of it, into the sealed text', () => {
    const sealed = sealToken(TOKEN, ALICE, keys);
    for (const form of [
      TOKEN,
      Buffer.from(TOKEN).toString('base64'),
      Buffer.from(TOKEN).toString('base64url'),
    ]) {
      expect(sealed).not.toContain(form.slice(0, 12));
    }
  });

  it('never throw on text that is not a sealed token', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), snowflake, (text, userId) => {
        expect(openToken(text, userId, keys)).toBeUndefined();
      }),
    );
    for (const text of ['v1...', 'v1.a.b.c', 'v1.!!!.b.c', `v1.${'A'.repeat(16)}..${'A'.repeat(22)}`]) {
      expect(openToken(text, ALICE, keys)).toBeUndefined();
    }
  });
});

describe('tokenFingerprint, tokenPrefix and isPlausibleToken', () => {
  it('fingerprints are stable for one key, differ across keys and tokens, and do not contain the token', () => {
    const keys = deriveKeys(KEY);
    expect(tokenFingerprint(TOKEN, keys)).toBe(tokenFingerprint(TOKEN, deriveKeys(KEY)));
    expect(tokenFingerprint(TOKEN, keys)).not.toBe(tokenFingerprint(TOKEN, deriveKeys(OTHER_KEY)));
    expect(tokenFingerprint(TOKEN, keys)).not.toBe(tokenFingerprint(`${TOKEN}x`, keys));
    expect(tokenFingerprint(TOKEN, keys)).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('show only the well-known prefix', () => {
    expect(tokenPrefix(TOKEN)).toBe('lrrs_v1_');
    expect(tokenPrefix('lrrp_v1_abcdef0123456789')).toBe('lrrp_v1_');
    expect(tokenPrefix('secretvalue0123456789')).toBeUndefined();
  });

  it('accept only printable text without spaces, of a plausible length', () => {
    expect(isPlausibleToken(TOKEN)).toBe(true);
    expect(isPlausibleToken('x'.repeat(TOKEN_MIN_LENGTH))).toBe(true);
    expect(isPlausibleToken('x'.repeat(TOKEN_MIN_LENGTH - 1))).toBe(false);
    expect(isPlausibleToken('x'.repeat(TOKEN_MAX_LENGTH + 1))).toBe(false);
    expect(isPlausibleToken('lrrs_v1_ with spaces inside')).toBe(false);
    expect(isPlausibleToken('lrrs_v1_abcdefgh\r\nX-Evil: 1')).toBe(false);
    expect(isPlausibleToken('lrrs_v1_tökenwithumlaut')).toBe(false);
  });
});

function vaultWith(
  key: Buffer | undefined,
  adapter: ClaimableAdapter = new MemoryAdapter(),
  secrets: string[] = [],
) {
  const kv = new Kv(adapter);
  return {
    adapter,
    kv,
    secrets,
    vault: new TokenVault({ kv, key, now: () => 1_700_000_000_000, onSecret: (s) => secrets.push(s) }),
  };
}

describe('TokenVault', () => {
  it('keeps a sealed token under member-token:<userId>, without expiry and without the token in clear', async () => {
    let now = 1_700_000_000_000;
    const adapter = new MemoryAdapter(() => now);
    const { vault, secrets } = vaultWith(KEY, adapter);
    const info = await vault.link(ALICE, TOKEN, { environment: 'sandbox', accountStatus: 'active' });
    expect(info).toMatchObject({ prefix: 'lrrs_v1_', environment: 'sandbox', accountStatus: 'active' });
    const raw = await adapter.get(`member-token:${ALICE}`);
    expect(raw).toBeDefined();
    expect(raw).not.toContain(TOKEN);
    expect(raw).not.toContain(TOKEN.slice(8, 20));
    now += 10 * 365 * 24 * 60 * 60 * 1000;
    const entry = await vault.read(ALICE);
    expect(entry.state).toBe('linked');
    expect(entry.state === 'linked' && entry.token).toBe(TOKEN);
    expect(secrets).toContain(TOKEN);
  });

  it('cannot open a record moved to another member’s key, nor with another key', async () => {
    const { vault, adapter } = vaultWith(KEY);
    await vault.link(ALICE, TOKEN, { environment: 'sandbox', accountStatus: 'active' });
    const raw = (await adapter.get(`member-token:${ALICE}`))!;
    await adapter.set(`member-token:${BOB}`, raw);
    expect((await vault.read(BOB)).state).toBe('unreadable');
    expect((await vaultWith(OTHER_KEY, adapter).vault.read(ALICE)).state).toBe('unreadable');
    expect((await vault.read(ALICE)).state).toBe('linked');
  });

  it('without a key: cannot link, cannot open, can still unlink', async () => {
    const { vault, adapter } = vaultWith(KEY);
    await vault.link(ALICE, TOKEN, { environment: undefined, accountStatus: undefined });
    const keyless = vaultWith(undefined, adapter).vault;
    expect(keyless.canSeal).toBe(false);
    await expect(
      keyless.link(BOB, TOKEN, { environment: undefined, accountStatus: undefined }),
    ).rejects.toThrow(/TOKEN_ENCRYPTION_KEY/);
    expect((await keyless.read(ALICE)).state).toBe('unreadable');
    expect(await keyless.unlink(ALICE)).toBe(true);
    expect(await keyless.unlink(ALICE)).toBe(false);
    expect((await vault.read(ALICE)).state).toBe('none');
  });

  it('unlinkIf deletes only the token with that fingerprint', async () => {
    const { vault } = vaultWith(KEY);
    const first = await vault.link(ALICE, TOKEN, { environment: 'sandbox', accountStatus: 'active' });
    const second = await vault.link(ALICE, `${TOKEN}2`, { environment: 'sandbox', accountStatus: 'active' });
    expect(first.tokenId).not.toBe(second.tokenId);
    expect(await vault.unlinkIf(ALICE, first.tokenId)).toBe(false);
    expect((await vault.read(ALICE)).state).toBe('linked');
    expect(await vault.unlinkIf(ALICE, second.tokenId)).toBe(true);
    expect((await vault.read(ALICE)).state).toBe('none');
  });

  it('ignores a stored value it does not know', async () => {
    const { vault, kv } = vaultWith(KEY);
    await kv.set(`member-token:${ALICE}`, { v: 9, what: 'future' }, 0);
    expect((await vault.read(ALICE)).state).toBe('none');
    expect(await vault.info(ALICE)).toBeUndefined();
  });
});

const silent = pino({ level: 'silent' });

function accounts(mode: PersonalTokensMode, key: Buffer | undefined = KEY) {
  const { vault, adapter } = vaultWith(key);
  return {
    vault,
    adapter,
    members: new Accounts({ vault, mode, operatorToken: OPERATOR_TOKEN, logger: silent }),
  };
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof RefusalError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error.refusal.kind;
}

describe('Accounts', () => {
  it('off: linking is refused and every new order uses the operator token, linked or not', async () => {
    const { vault, members } = accounts('off');
    await vault.link(ALICE, TOKEN, { environment: 'sandbox', accountStatus: 'active' });
    expect(members.linking).toBe(false);
    expect(() => {
      members.requireLinking();
    }).toThrow(RefusalError);
    expect(await members.forNewOrder(ALICE, 'invoice')).toEqual(OPERATOR);
    expect(await members.forNewOrder(ALICE, 'balance')).toEqual(OPERATOR);
    await members.precheckBalance(BOB);
  });

  it('optional: a linked member’s own token, the operator’s for everyone else', async () => {
    const { vault, members } = accounts('optional');
    const info = await vault.link(ALICE, TOKEN, { environment: 'sandbox', accountStatus: 'active' });
    expect(await members.forNewOrder(ALICE, 'balance')).toEqual({
      kind: 'member',
      token: TOKEN,
      tokenId: info.tokenId,
    });
    expect(await members.forNewOrder(BOB, 'balance')).toEqual(OPERATOR);
    expect(await members.forNewOrder(BOB, 'invoice')).toEqual(OPERATOR);
    await members.precheckBalance(BOB);
  });

  it('required-for-balance: an unlinked member cannot pay with a balance, but can order by invoice', async () => {
    const { vault, members } = accounts('required-for-balance');
    await vault.link(ALICE, TOKEN, { environment: 'production', accountStatus: 'active' });
    expect(await refusal(members.forNewOrder(BOB, 'balance'))).toBe('link_required_personal');
    expect(await refusal(members.precheckBalance(BOB))).toBe('link_required_personal');
    expect(await members.forNewOrder(BOB, 'invoice')).toEqual(OPERATOR);
    expect((await members.forNewOrder(ALICE, 'balance')).token).toBe(TOKEN);
    await members.precheckBalance(ALICE);
  });

  it('without the key it was linked with, and PERSONAL_TOKENS unset, a linked member is refused', async () => {
    const { adapter, vault } = accounts('optional');
    await vault.link(ALICE, TOKEN, { environment: 'sandbox', accountStatus: 'active' });
    const keyless = (guardStoredTokens: boolean) =>
      new Accounts({
        vault: vaultWith(undefined, adapter).vault,
        mode: 'off',
        operatorToken: OPERATOR_TOKEN,
        guardStoredTokens,
        logger: silent,
      });
    expect(await refusal(keyless(true).forNewOrder(ALICE, 'invoice'))).toBe('member_token_locked');
    expect(await keyless(true).forNewOrder(BOB, 'invoice')).toEqual(OPERATOR);
    // PERSONAL_TOKENS=off: the operator chose the shop's account for everyone.
    expect(await keyless(false).forNewOrder(ALICE, 'invoice')).toEqual(OPERATOR);
  });

  it('the start-up check: stops on stored tokens, and asks each order to check when it cannot look', async () => {
    const unset = { encryptionKey: undefined, explicit: false };
    const keyless = (adapter: ClaimableAdapter) => vaultWith(undefined, adapter).vault;
    expect(await refuseStoredTokensWithoutKey(unset, keyless(new MemoryAdapter()), silent)).toBe(false);
    const linked = vaultWith(KEY);
    await linked.vault.link(ALICE, TOKEN, { environment: 'sandbox', accountStatus: 'active' });
    await expect(refuseStoredTokensWithoutKey(unset, keyless(linked.adapter), silent)).rejects.toThrow(
      StoredTokensWithoutKeyError,
    );
    const explicit = { ...unset, explicit: true };
    expect(await refuseStoredTokensWithoutKey(explicit, keyless(linked.adapter), silent)).toBe(false);
    expect(await refuseStoredTokensWithoutKey({ ...unset, encryptionKey: KEY }, linked.vault, silent)).toBe(
      false,
    );
    // A Redis that is not connected (down at start): the check cannot look.
    const down = new RedisAdapter('redis://127.0.0.1:9', 'lrr-test:');
    expect(await refuseStoredTokensWithoutKey(unset, keyless(down), silent)).toBe(true);
  });

  it('a link the key cannot open is refused, never silently replaced by the operator token', async () => {
    const { adapter, vault } = accounts('optional');
    await vault.link(ALICE, TOKEN, { environment: 'sandbox', accountStatus: 'active' });
    const rotated = new Accounts({
      vault: vaultWith(OTHER_KEY, adapter).vault,
      mode: 'optional',
      operatorToken: OPERATOR_TOKEN,
      logger: silent,
    });
    expect(await refusal(rotated.forNewOrder(ALICE, 'invoice'))).toBe('relink_required');
  });

  it('an open order is re-sent only with the token it was placed with', async () => {
    const { vault, members } = accounts('optional');
    const first = await vault.link(ALICE, TOKEN, { environment: 'sandbox', accountStatus: 'active' });
    expect(
      (await members.forRecord({ account: 'member', userId: ALICE, tokenId: first.tokenId })).token,
    ).toBe(TOKEN);
    await vault.link(ALICE, `${TOKEN}other`, { environment: 'sandbox', accountStatus: 'active' });
    expect(
      await refusal(members.forRecord({ account: 'member', userId: ALICE, tokenId: first.tokenId })),
    ).toBe('token_changed');
    await vault.unlink(ALICE);
    expect(
      await refusal(members.forRecord({ account: 'member', userId: ALICE, tokenId: first.tokenId })),
    ).toBe('relink_required');
  });

  it('finishes a member’s open order with their token even after the operator turned personal tokens off', async () => {
    const { adapter, vault } = accounts('optional');
    const info = await vault.link(ALICE, TOKEN, { environment: 'sandbox', accountStatus: 'active' });
    const off = new Accounts({
      vault: vaultWith(KEY, adapter).vault,
      mode: 'off',
      operatorToken: OPERATOR_TOKEN,
      logger: silent,
    });
    expect((await off.forRecord({ account: 'member', userId: ALICE, tokenId: info.tokenId })).token).toBe(
      TOKEN,
    );
    expect(await off.forRecord({ account: 'operator', userId: ALICE })).toEqual(OPERATOR);
  });

  it('refused() deletes the refused token, but not one linked since', async () => {
    const { vault, members } = accounts('optional');
    const old = await vault.link(ALICE, TOKEN, { environment: 'sandbox', accountStatus: 'active' });
    await vault.link(ALICE, `${TOKEN}new`, { environment: 'sandbox', accountStatus: 'active' });
    await members.refused(ALICE, old.tokenId, silent);
    expect((await vault.read(ALICE)).state).toBe('linked');
    const current = (await vault.info(ALICE))!;
    await members.refused(ALICE, current.tokenId, silent);
    expect((await vault.read(ALICE)).state).toBe('none');
  });
});

const minimal = {
  DISCORD_TOKEN: 'MTI2MjAyNDE0ODkzOTQ0MDI0OQ.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789',
  LEUWONG_API_TOKEN: 'lrrs_v1_0123456789abcdef',
};

function errorsOf(result: ConfigResult): string[] {
  if (result.ok) throw new Error('expected configuration errors');
  return result.errors;
}

describe('TOKEN_ENCRYPTION_KEY and PERSONAL_TOKENS', () => {
  it('without a key, personal tokens are off', () => {
    const result = parseConfig(minimal);
    expect(result.ok && result.config.personalTokens).toEqual({
      mode: 'off',
      encryptionKey: undefined,
      explicit: false,
    });
    const blank = parseConfig({ ...minimal, TOKEN_ENCRYPTION_KEY: ' ', PERSONAL_TOKENS: '' });
    expect(blank.ok && blank.config.personalTokens.mode).toBe('off');
  });

  it('with a key, members may link (optional) unless told otherwise', () => {
    const result = parseConfig({ ...minimal, TOKEN_ENCRYPTION_KEY: KEY_HEX });
    expect(result.ok && result.config.personalTokens).toEqual({
      mode: 'optional',
      encryptionKey: KEY,
      explicit: false,
    });
    for (const mode of ['off', 'optional', 'required-for-balance'] as const) {
      const explicit = parseConfig({
        ...minimal,
        TOKEN_ENCRYPTION_KEY: KEY.toString('base64'),
        PERSONAL_TOKENS: mode,
      });
      expect(explicit.ok && explicit.config.personalTokens).toMatchObject({ mode, explicit: true });
    }
  });

  it('an invalid key is an error that says how to generate one, without repeating the value', () => {
    const value = 'not-a-real-key-but-a-secret-anyway';
    const errors = errorsOf(parseConfig({ ...minimal, TOKEN_ENCRYPTION_KEY: value }));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^TOKEN_ENCRYPTION_KEY must be 32 random bytes/);
    expect(errors[0]).toContain('openssl rand -hex 32');
    expect(errors[0]).toContain("require('crypto').randomBytes(32).toString('hex')");
    expect(errors.join('\n')).not.toContain(value);
  });

  it('asking for personal tokens without a key is an error, reported with every other one', () => {
    for (const mode of ['optional', 'required-for-balance']) {
      const errors = errorsOf(parseConfig({ ...minimal, PERSONAL_TOKENS: mode }));
      expect(errors).toEqual([expect.stringContaining(`PERSONAL_TOKENS=${mode} needs TOKEN_ENCRYPTION_KEY`)]);
      expect(errors[0]).toContain('openssl rand -hex 32');
    }
    const errors = errorsOf(
      parseConfig({ LEUWONG_API_TOKEN: minimal.LEUWONG_API_TOKEN, PERSONAL_TOKENS: 'optional' }),
    );
    expect(errors.some((e) => e.startsWith('DISCORD_TOKEN'))).toBe(true);
    expect(errors.some((e) => e.startsWith('PERSONAL_TOKENS=optional'))).toBe(true);
  });

  it('refuses an unknown mode', () => {
    expect(
      errorsOf(parseConfig({ ...minimal, TOKEN_ENCRYPTION_KEY: KEY_HEX, PERSONAL_TOKENS: 'always' })),
    ).toEqual(['PERSONAL_TOKENS must be one of off, optional, required-for-balance']);
  });
});

describe('the log scrubber and members’ tokens', () => {
  it('removes any LeuwongRR token it was not told about, keeping only the prefix', () => {
    expect(scrub(`pasted lrrs_v1_abcdef0123456789 and "lrrp_v1_Zy-x.9~+/=="`, [])).toBe(
      'pasted lrrs_v1_[redacted] and "lrrp_v1_[redacted]"',
    );
    expect(scrub('tokens start with lrrs_v1_ or lrrp_v1_', [])).toBe(
      'tokens start with lrrs_v1_ or lrrp_v1_',
    );
  });
});

describe.each(Object.entries<Messages>({ en: english, id: indonesian }))(
  'the /link texts (%s)',
  (_lang, m) => {
    it('fit Discord’s limits', () => {
      for (const command of [m.commands.link, m.commands.unlink, m.commands.account]) {
        expect(command.name).toMatch(/^[-_\p{Ll}\p{N}]{1,32}$/u);
        expect(command.description.length).toBeLessThanOrEqual(100);
      }
      for (const label of [m.link.modalTitle, m.link.tokenLabel])
        expect(label.length).toBeLessThanOrEqual(45);
      expect(m.link.tokenHelp.length).toBeLessThanOrEqual(100);
      const modal = buildLinkModal(m, 'link:1');
      expect(JSON.stringify(modal)).toContain('https://leuwongrr.online/user/api-access');
      expect(modal.components).toHaveLength(2);
    });

    it('show the environment, the status and the prefix of a link, never more', () => {
      const reply = renderLinked(
        { environment: 'production', accountStatus: 'active', prefix: 'lrrp_v1_' },
        m,
      );
      expect(reply.content).toContain(m.link.envName.production);
      expect(reply.content).toContain(m.link.status.active);
      expect(reply.content).toContain('`lrrp_v1_…`');
      const odd = renderLinked(
        { environment: undefined, accountStatus: '<@&1> **x**', prefix: undefined },
        m,
      );
      expect(odd.content).not.toContain('<@&1>');
      expect(odd.content).toContain(m.link.envName.unknown);
    });

    it('show a balance as the store formatted it, else in the reader’s way, else as unreadable', () => {
      const balance = (value: Balance | null) =>
        renderAccount(
          { environment: 'production', accountStatus: 'active', prefix: 'lrrp_v1_', balance: value },
          m,
        ).content;
      const unformatted = { amount: '25000', formatted: undefined, currency: 'IDR' };
      expect(balance(unformatted)).toContain(m === indonesian ? 'Rp25.000' : 'IDR 25,000');
      expect(balance({ ...unformatted, formatted: 'Rp25.000,00' })).toContain('Rp25.000,00');
      expect(balance(null)).toContain(m.link.balanceUnavailable);
      expect(balance({ amount: undefined, formatted: undefined, currency: 'IDR' })).toContain(
        m.link.balanceUnavailable,
      );
    });

    it('explain a refused member token as the member’s, and an operator’s as misconfiguration', () => {
      const error = (kind: RecordedError['kind'], code?: string): RecordedError => ({
        kind,
        status: 401,
        code,
        fields: [],
        retryAfterSeconds: undefined,
      });
      expect(renderUpstream(error('unauthorized'), m, 'REF', { account: 'member' })).toBe(
        m.errors.memberTokenRefused,
      );
      expect(renderUpstream(error('forbidden'), m, 'REF', { account: 'member' })).toBe(
        m.errors.memberForbidden,
      );
      expect(renderUpstream(error('link_required'), m, 'REF', { account: 'member' })).toBe(
        m.errors.memberLinkRequired,
      );
      expect(renderUpstream(error('unauthorized'), m, 'REF')).toBe(m.errors.misconfigured('REF'));
      expect(renderUpstream(error('link_required'), m, 'REF', { linking: true })).toBe(
        m.errors.linkRequiredTryLink,
      );
      expect(renderUpstream(error('link_required'), m, 'REF')).toBe(m.errors.linkRequired);
      expect(renderUpstream(error('validation', 'SANDBOX_INVOICE_ONLY'), m, 'REF')).toBe(
        m.errors.sandboxInvoiceOnly,
      );
      for (const kind of [
        'linking_disabled',
        'link_required_personal',
        'relink_required',
        'token_changed',
      ] as const) {
        expect(renderRefusal(new RefusalError({ kind }), m, 0).length).toBeGreaterThan(0);
      }
    });
  },
);

describe('tokenEnvironment', () => {
  it('tells sandbox and production tokens apart by their prefix', () => {
    expect(tokenEnvironment('lrrs_v1_abc')).toBe('sandbox');
    expect(tokenEnvironment('lrrp_v1_abc')).toBe('production');
    expect(tokenEnvironment('abc')).toBe('unknown');
    expect(tokenEnvironment('')).toBe('unknown');
  });
});
