import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';

/**
 * Members' personal LeuwongRR tokens at rest: AES-256-GCM, a random 12-byte IV per seal, and the
 * member's Discord user ID as additional authenticated data, so the ciphertext of one member
 * cannot be opened as (or moved to) another member's. Pure functions, no I/O.
 *
 * Sealed format (version 1): `v1.<iv>.<ciphertext>.<tag>`, each part base64url.
 */

export const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const VERSION = 'v1';

export const GENERATE_KEY_HELP =
  "generate one with `openssl rand -hex 32` or `node -e \"console.log(require('crypto').randomBytes(32).toString('hex'))\"`";

/** Subkeys derived from TOKEN_ENCRYPTION_KEY: one encrypts, one fingerprints. Never logged. */
export interface TokenKeys {
  readonly encryption: Buffer;
  readonly fingerprint: Buffer;
}

/**
 * Reads TOKEN_ENCRYPTION_KEY: 32 bytes written as 64 hex characters, or as base64 (standard or
 * URL-safe, padding optional). Anything else, and a key of 32 equal bytes, is refused.
 */
export function parseEncryptionKey(text: string): Buffer | undefined {
  const value = text.trim();
  let key: Buffer | undefined;
  if (/^[0-9a-fA-F]{64}$/.test(value)) key = Buffer.from(value, 'hex');
  else if (/^[A-Za-z0-9+/]{43}=?$/.test(value) || /^[A-Za-z0-9_-]{43}=?$/.test(value)) {
    key = Buffer.from(value.replace(/=$/, '').replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  }
  if (key?.length !== KEY_BYTES) return undefined;
  if (key.every((byte) => byte === key[0])) return undefined;
  return key;
}

/** Separate subkeys for sealing and for fingerprints (HKDF-SHA-256), so neither use weakens the other. */
export function deriveKeys(master: Buffer): TokenKeys {
  if (master.length !== KEY_BYTES) throw new Error(`the token encryption key must be ${KEY_BYTES} bytes`);
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), info, KEY_BYTES));
  return {
    encryption: derive('leuwongrr-order-bot member-token aes-256-gcm v1'),
    fingerprint: derive('leuwongrr-order-bot member-token fingerprint v1'),
  };
}

/** The authenticated data: binds a ciphertext to one Discord user (and to this format). */
function additionalData(userId: string): Buffer {
  return Buffer.from(`leuwongrr-member-token\0${VERSION}\0${userId}`, 'utf8');
}

export function sealToken(token: string, userId: string, keys: TokenKeys): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', keys.encryption, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(additionalData(userId));
  const ciphertext = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv, ciphertext, tag]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}

/**
 * The token, or undefined when the sealed text is not ours to open: another user's, another key's,
 * another version's, altered, or not a sealed token at all. Never throws.
 */
export function openToken(sealed: string, userId: string, keys: TokenKeys): string | undefined {
  const parts = sealed.split('.');
  if (parts.length !== 4 || parts[0] !== VERSION) return undefined;
  const [iv, ciphertext, tag] = parts
    .slice(1)
    .map((part) => (/^[A-Za-z0-9_-]*$/.test(part) ? Buffer.from(part, 'base64url') : undefined));
  if (iv?.length !== IV_BYTES || tag?.length !== TAG_BYTES || ciphertext === undefined) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', keys.encryption, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(additionalData(userId));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}

/**
 * A keyed, one-way name for a token (HMAC-SHA-256, 128 bits): an order record keeps it to know
 * which linked token it was placed with, without keeping the token.
 */
export function tokenFingerprint(token: string, keys: TokenKeys): string {
  return createHmac('sha256', keys.fingerprint)
    .update(token, 'utf8')
    .digest()
    .subarray(0, 16)
    .toString('base64url');
}

export function sameFingerprint(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** What may be shown of a token: its well-known prefix (`lrrs_v1_`, `lrrp_v1_`), otherwise nothing. */
export function tokenPrefix(token: string): string | undefined {
  return /^lrr[sp]_v1_/.exec(token)?.[0];
}

/** The environment a User API token's prefix names. */
export function tokenEnvironment(token: string): 'sandbox' | 'production' | 'unknown' {
  if (token.startsWith('lrrs_v1_')) return 'sandbox';
  if (token.startsWith('lrrp_v1_')) return 'production';
  return 'unknown';
}

/**
 * A pasted token the bot is willing to send to the store: printable ASCII without spaces (so it
 * cannot break the Authorization header), of a plausible length.
 */
export const TOKEN_MIN_LENGTH = 16;
export const TOKEN_MAX_LENGTH = 200;

export function isPlausibleToken(token: string): boolean {
  return token.length >= TOKEN_MIN_LENGTH && token.length <= TOKEN_MAX_LENGTH && /^[\x21-\x7e]+$/.test(token);
}
