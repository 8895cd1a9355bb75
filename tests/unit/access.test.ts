import { describe, expect, it } from 'vitest';

import { checkAccess, type Where } from '../../src/access.js';
import type { Config } from '../../src/config.js';
import { RefusalError } from '../../src/errors.js';

const GUILD = '1262024148939440249';
const OTHER_GUILD = '1262024148939440200';
const CHANNEL = '1262024148939440250';
const OTHER_CHANNEL = '1262024148939440201';
const ROLE = '1262024148939440251';
const OTHER_ROLE = '1262024148939440202';

const access = (overrides: Partial<Config['access']> = {}): Config['access'] => ({
  guildIds: [],
  channelIds: [],
  requiredRoleId: undefined,
  ...overrides,
});

const inGuild: Where = { guildId: GUILD, channelId: CHANNEL, roleIds: () => [ROLE] };
const inDm: Where = { guildId: null, channelId: '1262024148939440299', roleIds: () => null };

function refusal(result: RefusalError | undefined): string | undefined {
  if (result !== undefined) expect(result).toBeInstanceOf(RefusalError);
  return result?.refusal.kind;
}

describe('checkAccess', () => {
  it('allows orders anywhere, DMs included, when nothing is restricted', () => {
    expect(checkAccess(access(), inGuild)).toBeUndefined();
    expect(checkAccess(access(), inDm)).toBeUndefined();
    expect(checkAccess(access(), { guildId: GUILD, channelId: null, roleIds: () => null })).toBeUndefined();
  });

  it('reads the member’s roles only when a role is required (discord.js builds that list on each read)', () => {
    let reads = 0;
    const counted: Where = {
      ...inGuild,
      roleIds: () => {
        reads += 1;
        return [ROLE];
      },
    };
    expect(checkAccess(access({ guildIds: [GUILD], channelIds: [CHANNEL] }), counted)).toBeUndefined();
    expect(reads).toBe(0);
    expect(checkAccess(access({ requiredRoleId: ROLE }), counted)).toBeUndefined();
    expect(reads).toBe(1);
  });

  describe('ALLOWED_GUILD_IDS', () => {
    const rules = access({ guildIds: [OTHER_GUILD, GUILD] });

    it('allows a listed guild', () => {
      expect(checkAccess(rules, inGuild)).toBeUndefined();
    });

    it('refuses another guild and DMs as not_here', () => {
      expect(refusal(checkAccess(rules, { ...inGuild, guildId: '1262024148939440111' }))).toBe('not_here');
      expect(refusal(checkAccess(rules, inDm))).toBe('not_here');
    });
  });

  describe('ALLOWED_CHANNEL_IDS', () => {
    const rules = access({ channelIds: [CHANNEL] });

    it('allows a listed channel', () => {
      expect(checkAccess(rules, inGuild)).toBeUndefined();
    });

    it('refuses another channel, an unknown channel and DMs as not_here', () => {
      expect(refusal(checkAccess(rules, { ...inGuild, channelId: OTHER_CHANNEL }))).toBe('not_here');
      expect(refusal(checkAccess(rules, { ...inGuild, channelId: null }))).toBe('not_here');
      expect(refusal(checkAccess(rules, inDm))).toBe('not_here');
      expect(refusal(checkAccess(rules, { ...inDm, channelId: CHANNEL }))).toBe('not_here');
    });
  });

  describe('REQUIRED_ROLE_ID', () => {
    const rules = access({ requiredRoleId: ROLE });

    it('allows a member with the role among others', () => {
      expect(checkAccess(rules, { ...inGuild, roleIds: () => [OTHER_ROLE, ROLE] })).toBeUndefined();
    });

    it('refuses a member without the role as missing_role', () => {
      expect(refusal(checkAccess(rules, { ...inGuild, roleIds: () => [OTHER_ROLE] }))).toBe('missing_role');
      expect(refusal(checkAccess(rules, { ...inGuild, roleIds: () => [] }))).toBe('missing_role');
    });

    it('refuses when the member’s roles are unknown', () => {
      expect(refusal(checkAccess(rules, { ...inGuild, roleIds: () => null }))).toBe('missing_role');
    });

    it('refuses DMs as not_here: a role only exists in a server', () => {
      expect(refusal(checkAccess(rules, inDm))).toBe('not_here');
    });
  });

  describe('several rules together', () => {
    const rules = access({ guildIds: [GUILD], channelIds: [CHANNEL], requiredRoleId: ROLE });

    it('allows only when every rule is met', () => {
      expect(checkAccess(rules, inGuild)).toBeUndefined();
    });

    it('reports the place before the role', () => {
      expect(
        refusal(checkAccess(rules, { guildId: OTHER_GUILD, channelId: CHANNEL, roleIds: () => [] })),
      ).toBe('not_here');
      expect(
        refusal(checkAccess(rules, { guildId: GUILD, channelId: OTHER_CHANNEL, roleIds: () => [] })),
      ).toBe('not_here');
      expect(refusal(checkAccess(rules, { ...inGuild, roleIds: () => [] }))).toBe('missing_role');
    });
  });
});
