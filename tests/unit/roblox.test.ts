import { describe, expect, it } from 'vitest';

import { parseGamepass, parsePlace, parseUsername } from '../../src/roblox.js';

/** '0'–'9' → '０'–'９' (what a phone keyboard in full-width mode types). */
const fullWidth = (text: string) =>
  text.replace(/\d/g, (digit) => String.fromCodePoint(0xff10 + Number(digit)));

const MAX = Number.MAX_SAFE_INTEGER;

describe('parseUsername', () => {
  it.each([
    ['abc', 'abc'],
    ['LeuwongUser', 'LeuwongUser'],
    ['Leuwong_User', 'Leuwong_User'],
    ['a_b', 'a_b'],
    ['User123', 'User123'],
    ['12345', '12345'],
    ['a'.repeat(20), 'a'.repeat(20)],
    ['abcdefghij_abcdefghi', 'abcdefghij_abcdefghi'],
  ])('accepts the ordinary username %j', (raw, expected) => {
    expect(parseUsername(raw)).toEqual({ ok: true, value: expected });
  });

  it('tolerates a leading @ and strips it', () => {
    expect(parseUsername('@LeuwongUser')).toEqual({ ok: true, value: 'LeuwongUser' });
    expect(parseUsername('  @LeuwongUser  ')).toEqual({ ok: true, value: 'LeuwongUser' });
  });

  it('strips surrounding whitespace, including Unicode spaces', () => {
    expect(parseUsername(' \t LeuwongUser \n')).toEqual({ ok: true, value: 'LeuwongUser' });
    expect(parseUsername('\u00a0LeuwongUser\u3000')).toEqual({ ok: true, value: 'LeuwongUser' });
  });

  it('folds full-width letters and digits (NFKC) to ASCII', () => {
    expect(parseUsername('ＬｅｕｗｏｎｇＵｓｅｒ１２')).toEqual({ ok: true, value: 'LeuwongUser12' });
    expect(parseUsername('Ｌｅｕｗｏｎｇ＿Ｕｓｅｒ')).toEqual({ ok: true, value: 'Leuwong_User' });
  });

  it('accepts the usernames Roblox assigns itself (roblox_user_<digits>), in any case', () => {
    expect(parseUsername('roblox_user_123456')).toEqual({ ok: true, value: 'roblox_user_123456' });
    expect(parseUsername('Roblox_User_1')).toEqual({ ok: true, value: 'Roblox_User_1' });
    const longest = `roblox_user_${'9'.repeat(20)}`;
    expect(parseUsername(longest)).toEqual({ ok: true, value: longest });
  });

  it('does not treat roblox_user_ followed by something other than digits as a system username', () => {
    expect(parseUsername('roblox_user_abc')).toMatchObject({ ok: false });
    expect(parseUsername(`roblox_user_${'9'.repeat(21)}`)).toMatchObject({ ok: false });
  });

  it.each(['', '   ', '\n\t', '@', ' @ '])('reports an empty username for %j', (raw) => {
    expect(parseUsername(raw)).toEqual({ ok: false, problem: { field: 'username', reason: 'empty' } });
  });

  it.each(['a', 'ab', '@ab', 'a_'])('reports a too short username for %j', (raw) => {
    expect(parseUsername(raw)).toEqual({ ok: false, problem: { field: 'username', reason: 'too_short' } });
  });

  it.each(['a'.repeat(21), 'abcdefghij_abcdefghij', 'x'.repeat(32)])(
    'reports a too long username for %j',
    (raw) => {
      expect(parseUsername(raw)).toEqual({ ok: false, problem: { field: 'username', reason: 'too_long' } });
    },
  );

  it.each([
    'a b c',
    'user-name',
    'user.name',
    'üser',
    'user!',
    'Леуwong',
    '用户名用户',
    'emoji😀',
    '@@user',
    'a@b',
  ])('reports forbidden characters in %j', (raw) => {
    expect(parseUsername(raw)).toEqual({
      ok: false,
      problem: { field: 'username', reason: 'characters' },
    });
  });

  it.each(['_abc', 'abc_', 'a__b', 'a_b_c', '__init__', '___', '_ab_'])(
    'reports misplaced or repeated underscores in %j',
    (raw) => {
      expect(parseUsername(raw)).toEqual({
        ok: false,
        problem: { field: 'username', reason: 'underscore' },
      });
    },
  );
});

describe('parsePlace', () => {
  describe('plain IDs', () => {
    it.each([
      ['1', 1],
      ['123456789', 123456789],
      ['  920587237  ', 920587237],
      ['\t42\n', 42],
      ['0042', 42],
      [String(MAX), MAX],
      [`000${String(MAX)}`, MAX],
    ])('reads %j as %d', (raw, expected) => {
      expect(parsePlace(raw)).toEqual({ ok: true, value: expected });
    });

    it('reads full-width digits (NFKC)', () => {
      expect(parsePlace(fullWidth('123456789'))).toEqual({ ok: true, value: 123456789 });
      expect(parsePlace(`\u3000${fullWidth('42')}\u3000`)).toEqual({ ok: true, value: 42 });
    });

    it('reads an ID wrapped in <…> as Discord does to suppress embeds', () => {
      expect(parsePlace('<123>')).toEqual({ ok: true, value: 123 });
    });

    it.each(['0', '00', '0000000000'])('reports zero for %j', (raw) => {
      expect(parsePlace(raw)).toEqual({ ok: false, problem: { field: 'place', reason: 'zero' } });
    });

    it.each([String(MAX + 1), '9007199254740993', '99999999999999999', '1'.repeat(40)])(
      'reports too_large for %j',
      (raw) => {
        expect(parsePlace(raw)).toEqual({ ok: false, problem: { field: 'place', reason: 'too_large' } });
      },
    );

    it.each(['', '   ', '\n', '\u3000'])('reports an empty place for %j', (raw) => {
      expect(parsePlace(raw)).toEqual({ ok: false, problem: { field: 'place', reason: 'empty' } });
    });

    it.each(['abc', '-5', '+5', '1.5', '1e5', '0x10', '12 34', '١٢٣', 'place 123', '123abc', '#123'])(
      'reports not_an_id for %j',
      (raw) => {
        expect(parsePlace(raw)).toEqual({ ok: false, problem: { field: 'place', reason: 'not_an_id' } });
      },
    );
  });

  describe('game links', () => {
    it.each([
      'https://www.roblox.com/games/920587237/Adopt-Me',
      'https://www.roblox.com/games/920587237',
      'https://www.roblox.com/games/920587237/',
      'http://www.roblox.com/games/920587237/Adopt-Me',
      'https://roblox.com/games/920587237/Adopt-Me',
      'www.roblox.com/games/920587237/Adopt-Me',
      'roblox.com/games/920587237/Adopt-Me',
      'https://web.roblox.com/games/920587237/Adopt-Me',
      'https://m.roblox.com/games/920587237',
      'HTTPS://WWW.ROBLOX.COM/GAMES/920587237/ADOPT-ME',
      'https://www.roblox.com/games/920587237/Adopt-Me?privateServerLinkCode=abc&ref=x',
      'https://www.roblox.com/games/920587237/Adopt-Me#!/about',
      'https://www.roblox.com/id/games/920587237/Adopt-Me',
      'https://www.roblox.com/en-us/games/920587237/Adopt-Me',
      'roblox.com/zh-hans/games/920587237',
      'https://www.roblox.com/games/start?placeId=920587237',
      'https://www.roblox.com/games/start?placeid=920587237&launchData=x',
      'www.roblox.com/games/start?launchData=abc&placeId=920587237',
      '<https://www.roblox.com/games/920587237/Adopt-Me>',
      '  https://www.roblox.com/games/920587237/Adopt-Me  ',
      `https://www.roblox.com/games/${fullWidth('920587237')}/Adopt-Me`,
    ])('reads the place ID from %s', (raw) => {
      expect(parsePlace(raw)).toEqual({ ok: true, value: 920587237 });
    });

    it('reports zero and too_large inside a link', () => {
      expect(parsePlace('https://www.roblox.com/games/0/x')).toEqual({
        ok: false,
        problem: { field: 'place', reason: 'zero' },
      });
      expect(parsePlace('https://www.roblox.com/games/99999999999999999999/x')).toEqual({
        ok: false,
        problem: { field: 'place', reason: 'too_large' },
      });
      expect(parsePlace('https://www.roblox.com/games/start?placeId=9007199254740992')).toEqual({
        ok: false,
        problem: { field: 'place', reason: 'too_large' },
      });
    });

    it.each([
      'https://www.roblox.com/games/start',
      'https://www.roblox.com/games/start?placeId=abc',
      'https://www.roblox.com/games/start?placeId=-1',
      'https://www.roblox.com/games/',
      'https://www.roblox.com/games/abc/name',
      'https://www.roblox.com/discover',
      'https://www.roblox.com/',
      'roblox.com',
      'https://www.roblox.com/catalog/123/Hat',
      'https://www.roblox.com/users/123/profile',
      'https://www.roblox.com/groups/123/group',
    ])('reports other_link for a Roblox page that does not name a place: %s', (raw) => {
      expect(parsePlace(raw)).toEqual({ ok: false, problem: { field: 'place', reason: 'other_link' } });
    });
  });

  describe('links that cannot give a place ID', () => {
    it.each([
      'https://www.roblox.com/share?code=abc123&type=ExperienceDetails&stamp=1',
      'https://roblox.com/share?code=abc123&type=Server',
      'www.roblox.com/share?code=abc123',
      'https://www.roblox.com/share-links?code=abc123&type=ExperienceDetails',
      'https://ro.blox.com/Ebh5?af_dp=roblox%3A%2F%2F&af_web_dp=https%3A%2F%2Fwww.roblox.com%2Fgames%2F1',
      'ro.blox.com/Ebh5',
    ])('reports share_link for %s', (raw) => {
      expect(parsePlace(raw)).toEqual({ ok: false, problem: { field: 'place', reason: 'share_link' } });
    });

    it.each([
      'https://create.roblox.com/dashboard/creations/experiences/3456789/overview',
      'create.roblox.com/dashboard/creations/experiences/3456789/places/920587237/configure',
      'https://create.roblox.com/dashboard/creations/experiences/3456789/passes/12345/configure',
    ])('reports creator_hub_link for %s (it shows the universe ID, not the place ID)', (raw) => {
      expect(parsePlace(raw)).toEqual({
        ok: false,
        problem: { field: 'place', reason: 'creator_hub_link' },
      });
    });

    it.each([
      'https://www.roblox.com/game-pass/12345/VIP',
      'roblox.com/game-pass/12345',
      'https://www.roblox.com/id/game-pass/12345/VIP',
      'https://www.roblox.com/en-us/game-pass/12345/VIP?x=1',
    ])('reports gamepass_link for %s', (raw) => {
      expect(parsePlace(raw)).toEqual({ ok: false, problem: { field: 'place', reason: 'gamepass_link' } });
    });

    it.each([
      'https://example.com/games/920587237',
      'https://www.roblox.com.evil.com/games/920587237',
      'roblox.com.evil.com/games/920587237',
      'https://evilroblox.com/games/920587237',
      'https://roblox.com@evil.com/games/920587237',
      'https://roblox.co/games/920587237',
      'https://discord.gg/abc',
      'discord.gg/abc',
      'ftp://roblox.com/games/920587237',
      'https://www.rob1ox.com/games/920587237',
      'https://[::1]/games/1',
      'http://',
      'https://www.roblox.com:bad/games/1',
    ])('reports other_link for a foreign or broken link %s', (raw) => {
      expect(parsePlace(raw)).toEqual({ ok: false, problem: { field: 'place', reason: 'other_link' } });
    });
  });
});

describe('parseGamepass', () => {
  describe('plain IDs', () => {
    it.each([
      ['1', 1],
      ['12345', 12345],
      ['  12345 ', 12345],
      ['007', 7],
      [String(MAX), MAX],
      [fullWidth('12345'), 12345],
      ['<12345>', 12345],
    ])('reads %j as %d', (raw, expected) => {
      expect(parseGamepass(raw)).toEqual({ ok: true, value: expected });
    });

    it('reports empty, zero, too_large and not_an_id like the place field', () => {
      expect(parseGamepass(' ')).toEqual({ ok: false, problem: { field: 'gamepass', reason: 'empty' } });
      expect(parseGamepass('000')).toEqual({ ok: false, problem: { field: 'gamepass', reason: 'zero' } });
      expect(parseGamepass(String(MAX + 1))).toEqual({
        ok: false,
        problem: { field: 'gamepass', reason: 'too_large' },
      });
      expect(parseGamepass('VIP pass')).toEqual({
        ok: false,
        problem: { field: 'gamepass', reason: 'not_an_id' },
      });
    });
  });

  describe('gamepass links', () => {
    it.each([
      'https://www.roblox.com/game-pass/12345/VIP-Pass',
      'https://www.roblox.com/game-pass/12345',
      'http://www.roblox.com/game-pass/12345/VIP-Pass',
      'https://roblox.com/game-pass/12345/VIP-Pass',
      'www.roblox.com/game-pass/12345/VIP-Pass',
      'roblox.com/game-pass/12345',
      'https://web.roblox.com/game-pass/12345/VIP-Pass',
      'https://www.roblox.com/game-pass/12345/VIP-Pass?ref=abc&x=1',
      'https://www.roblox.com/id/game-pass/12345/VIP-Pass',
      'https://www.roblox.com/en-us/game-pass/12345/VIP-Pass',
      'HTTPS://WWW.ROBLOX.COM/GAME-PASS/12345/VIP',
      '<https://www.roblox.com/game-pass/12345/VIP-Pass>',
      `https://www.roblox.com/game-pass/${fullWidth('12345')}/VIP-Pass`,
    ])('reads the pass ID from %s', (raw) => {
      expect(parseGamepass(raw)).toEqual({ ok: true, value: 12345 });
    });

    it.each([
      'https://create.roblox.com/dashboard/creations/experiences/3456789/passes/12345/configure',
      'create.roblox.com/dashboard/creations/experiences/3456789/passes/12345/sales',
      'https://create.roblox.com/dashboard/creations/experiences/3456789/passes/12345',
    ])('reads the pass ID (not the universe ID) from the Creator Hub page %s', (raw) => {
      expect(parseGamepass(raw)).toEqual({ ok: true, value: 12345 });
    });

    it('reports zero and too_large inside a link', () => {
      expect(parseGamepass('https://www.roblox.com/game-pass/0/x')).toEqual({
        ok: false,
        problem: { field: 'gamepass', reason: 'zero' },
      });
      expect(parseGamepass(`https://www.roblox.com/game-pass/${'9'.repeat(17)}/x`)).toEqual({
        ok: false,
        problem: { field: 'gamepass', reason: 'too_large' },
      });
    });
  });

  describe('links that cannot give a pass ID', () => {
    it.each([
      'https://www.roblox.com/games/920587237/Adopt-Me',
      'roblox.com/games/920587237',
      'https://www.roblox.com/id/games/920587237/Adopt-Me',
      'https://www.roblox.com/games/start?placeId=920587237',
    ])('reports place_link for the game link %s', (raw) => {
      expect(parseGamepass(raw)).toEqual({ ok: false, problem: { field: 'gamepass', reason: 'place_link' } });
    });

    it.each([
      'https://www.roblox.com/share?code=abc&type=ExperienceDetails',
      'https://www.roblox.com/share-links?code=abc',
      'https://ro.blox.com/Ebh5',
    ])('reports share_link for %s', (raw) => {
      expect(parseGamepass(raw)).toEqual({ ok: false, problem: { field: 'gamepass', reason: 'share_link' } });
    });

    it.each([
      'https://example.com/game-pass/12345',
      'https://www.roblox.com.evil.com/game-pass/12345',
      'https://roblox.com@evil.com/game-pass/12345',
      'https://create.roblox.com/dashboard/creations/experiences/3456789/overview',
      'https://www.roblox.com/game-pass/abc/VIP',
      'https://www.roblox.com/catalog/12345/Hat',
      'https://discord.gg/abc',
    ])('reports other_link for %s', (raw) => {
      expect(parseGamepass(raw)).toEqual({ ok: false, problem: { field: 'gamepass', reason: 'other_link' } });
    });
  });
});
