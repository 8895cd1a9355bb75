import { describe, expect, it } from 'vitest';

import { commands } from '../../commands/index.js';
import { isSubset } from '../../src/discord/deploy.js';

/** What Discord answers for a command: ours plus its own ids, versions and defaults. */
function asDiscordReturnsIt(data: object, index: number): Record<string, unknown> {
  return {
    id: `12620241489394402${String(index).padStart(2, '0')}`,
    application_id: '1262024148939440249',
    version: '1262024148939440300',
    default_member_permissions: null,
    nsfw: false,
    ...(JSON.parse(JSON.stringify(data)) as Record<string, unknown>),
  };
}

describe('isSubset', () => {
  it('compares primitives exactly', () => {
    expect(isSubset('a', 'a')).toBe(true);
    expect(isSubset(1, 1)).toBe(true);
    expect(isSubset(true, true)).toBe(true);
    expect(isSubset(null, null)).toBe(true);
    expect(isSubset('1', 1)).toBe(false);
    expect(isSubset(false, undefined)).toBe(false);
    expect(isSubset(null, undefined)).toBe(false);
    expect(isSubset('order', 'pesan')).toBe(false);
  });

  it('ignores keys only Discord has (ids, versions, defaults)', () => {
    expect(isSubset({ name: 'order' }, { name: 'order', id: '1', version: '2', nsfw: false })).toBe(true);
    expect(isSubset({}, { anything: 1 })).toBe(true);
  });

  it('sees a changed or missing value, however deep', () => {
    expect(isSubset({ name: 'order' }, { name: 'pesan' })).toBe(false);
    expect(isSubset({ name: 'order' }, {})).toBe(false);
    expect(isSubset({ a: { b: { c: 1 } } }, { a: { b: { c: 2 } } })).toBe(false);
    expect(isSubset({ a: { b: { c: 1 } } }, { a: { b: { c: 1, d: 2 } } })).toBe(true);
    expect(isSubset({ name_localizations: { id: 'pesan' } }, { name_localizations: null })).toBe(false);
  });

  it('treats a key we leave undefined as matching a key Discord omits', () => {
    expect(isSubset({ required: undefined }, {})).toBe(true);
  });

  it('needs arrays of the same length, in the same order', () => {
    expect(isSubset([1, 2], [1, 2])).toBe(true);
    expect(isSubset([], [])).toBe(true);
    expect(isSubset([1, 2], [2, 1])).toBe(false);
    expect(isSubset([1], [1, 2])).toBe(false);
    expect(isSubset([1, 2], [1])).toBe(false);
    expect(isSubset([{ name: 'a' }], [{ name: 'a', id: 'x' }])).toBe(true);
  });

  it('does not match an object or array with a value of another shape', () => {
    expect(isSubset({ a: 1 }, null)).toBe(false);
    expect(isSubset({ a: 1 }, 'a')).toBe(false);
    expect(isSubset({ a: 1 }, undefined)).toBe(false);
    expect(isSubset([1], { 0: 1, length: 1 })).toBe(false);
    expect(isSubset({ 0: 1 }, [1])).toBe(true);
  });

  it('finds every real command unchanged in what Discord returns for it', () => {
    commands.forEach((command, index) => {
      expect(isSubset(command.data, asDiscordReturnsIt(command.data, index)), command.data.name).toBe(true);
    });
  });

  it('sees a changed description or a dropped option of a real command', () => {
    for (const [index, command] of commands.entries()) {
      const theirs = asDiscordReturnsIt(command.data, index);
      expect(isSubset(command.data, { ...theirs, description: 'old text' })).toBe(false);
      if (command.data.options !== undefined && command.data.options.length > 0) {
        expect(isSubset(command.data, { ...theirs, options: [] })).toBe(false);
      }
    }
  });
});
