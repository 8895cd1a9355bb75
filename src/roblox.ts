import type { FieldProblem } from './errors.js';

/**
 * Pure parsing of what a user types or pastes into the order modal. Nothing here throws:
 * every input ends as a value or as a field-specific problem.
 */

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: FieldProblem };

const MAX_ID_DIGITS = String(Number.MAX_SAFE_INTEGER).length;

/** Usernames Roblox assigns itself (for example to renamed or moderated accounts). */
const SYSTEM_USERNAME = /^roblox_user_\d{1,20}$/i;

export function parseUsername(raw: string): Parsed<string> {
  const value = raw.normalize('NFKC').trim().replace(/^@/, '');
  if (value === '') return { ok: false, problem: { field: 'username', reason: 'empty' } };
  if (SYSTEM_USERNAME.test(value)) return { ok: true, value };
  if (!/^[A-Za-z0-9_]+$/.test(value))
    return { ok: false, problem: { field: 'username', reason: 'characters' } };
  if (value.length < 3) return { ok: false, problem: { field: 'username', reason: 'too_short' } };
  if (value.length > 20) return { ok: false, problem: { field: 'username', reason: 'too_long' } };
  const underscores = value.split('_').length - 1;
  if (underscores > 1 || value.startsWith('_') || value.endsWith('_')) {
    return { ok: false, problem: { field: 'username', reason: 'underscore' } };
  }
  return { ok: true, value };
}

function parseId(digits: string, field: 'place' | 'gamepass'): Parsed<number> {
  const trimmed = digits.replace(/^0+(?=\d)/, '');
  if (trimmed.length > MAX_ID_DIGITS || Number(trimmed) > Number.MAX_SAFE_INTEGER) {
    return { ok: false, problem: { field, reason: 'too_large' } };
  }
  const value = Number(trimmed);
  if (value === 0) return { ok: false, problem: { field, reason: 'zero' } };
  return { ok: true, value };
}

interface RobloxLink {
  host: string;
  /** Path segments, lower-cased, without an optional leading locale segment (`/id/`, `/en-us/`). */
  segments: string[];
  query: URLSearchParams;
}

function asRobloxLink(text: string): RobloxLink | 'foreign' | undefined {
  const looksLikeLink = /^(https?:\/\/|www\.|[a-z0-9-]+\.)?(roblox\.com|ro\.blox\.com)\b/i.test(text);
  if (!/^https?:\/\//i.test(text) && !looksLikeLink) {
    return /^[a-z][a-z0-9+.-]*:\/\/|^[\w-]+(\.[\w-]+)+\//i.test(text) ? 'foreign' : undefined;
  }
  let url: URL;
  try {
    url = new URL(/^https?:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    return 'foreign';
  }
  const host = url.hostname.toLowerCase();
  if (host !== 'roblox.com' && !host.endsWith('.roblox.com') && host !== 'ro.blox.com') return 'foreign';
  let segments = url.pathname
    .split('/')
    .filter((s) => s !== '')
    .map((s) => s.toLowerCase());
  if (segments[0] !== undefined && /^[a-z]{2}(-[a-z]{2,4})?$/.test(segments[0]) && segments.length > 1) {
    segments = segments.slice(1);
  }
  return { host, segments, query: url.searchParams };
}

const isShareLink = (link: RobloxLink) =>
  link.host === 'ro.blox.com' || link.segments[0] === 'share' || link.segments[0] === 'share-links';

const digitsAfter = (segments: string[], marker: string): string | undefined => {
  const index = segments.indexOf(marker);
  const next = index === -1 ? undefined : segments[index + 1];
  return next !== undefined && /^\d+$/.test(next) ? next : undefined;
};

function normalizeIdInput(raw: string): string {
  return raw
    .normalize('NFKC')
    .trim()
    .replace(/^<(.*)>$/, '$1');
}

/** A place ID, or a link to the place: `roblox.com/games/<placeId>/...`, also `/games/start?placeId=`. */
export function parsePlace(raw: string): Parsed<number> {
  const text = normalizeIdInput(raw);
  if (text === '') return { ok: false, problem: { field: 'place', reason: 'empty' } };
  if (/^\d+$/.test(text)) return parseId(text, 'place');
  const link = asRobloxLink(text);
  if (link === undefined) return { ok: false, problem: { field: 'place', reason: 'not_an_id' } };
  if (link === 'foreign') return { ok: false, problem: { field: 'place', reason: 'other_link' } };
  if (isShareLink(link)) return { ok: false, problem: { field: 'place', reason: 'share_link' } };
  if (link.host === 'create.roblox.com') {
    return { ok: false, problem: { field: 'place', reason: 'creator_hub_link' } };
  }
  if (link.segments[0] === 'game-pass') {
    return { ok: false, problem: { field: 'place', reason: 'gamepass_link' } };
  }
  if (link.segments[0] === 'games') {
    const id = digitsAfter(link.segments, 'games');
    if (id !== undefined) return parseId(id, 'place');
    const queryId = link.query.get('placeId') ?? link.query.get('placeid');
    if (queryId !== null && /^\d+$/.test(queryId)) return parseId(queryId, 'place');
  }
  return { ok: false, problem: { field: 'place', reason: 'other_link' } };
}

/**
 * A gamepass ID, or a link to it: `roblox.com/game-pass/<passId>/...`, or the Creator Hub page
 * of the pass (`create.roblox.com/dashboard/creations/experiences/<universe>/passes/<passId>/...`).
 */
export function parseGamepass(raw: string): Parsed<number> {
  const text = normalizeIdInput(raw);
  if (text === '') return { ok: false, problem: { field: 'gamepass', reason: 'empty' } };
  if (/^\d+$/.test(text)) return parseId(text, 'gamepass');
  const link = asRobloxLink(text);
  if (link === undefined) return { ok: false, problem: { field: 'gamepass', reason: 'not_an_id' } };
  if (link === 'foreign') return { ok: false, problem: { field: 'gamepass', reason: 'other_link' } };
  if (isShareLink(link)) return { ok: false, problem: { field: 'gamepass', reason: 'share_link' } };
  const passId =
    link.segments[0] === 'game-pass'
      ? digitsAfter(link.segments, 'game-pass')
      : link.host === 'create.roblox.com'
        ? digitsAfter(link.segments, 'passes')
        : undefined;
  if (passId !== undefined) return parseId(passId, 'gamepass');
  if (link.segments[0] === 'games')
    return { ok: false, problem: { field: 'gamepass', reason: 'place_link' } };
  return { ok: false, problem: { field: 'gamepass', reason: 'other_link' } };
}
