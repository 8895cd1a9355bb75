import type { Kv } from '../store/kv.js';
import {
  deriveKeys,
  openToken,
  sameFingerprint,
  sealToken,
  tokenFingerprint,
  tokenPrefix,
  type TokenKeys,
} from './crypto.js';

/** What the bot knows about a member's link, apart from the token itself. Safe to show the member. */
export interface LinkInfo {
  /** The token's well-known prefix (`lrrs_v1_` or `lrrp_v1_`), or undefined for any other shape. */
  prefix: string | undefined;
  environment: 'sandbox' | 'production' | undefined;
  /** The account status the store reported when the token was linked. */
  accountStatus: string | undefined;
  linkedAt: number;
  /** Keyed fingerprint of the token (crypto.ts): order records remember which token they used. */
  tokenId: string;
}

/** The value kept under `member-token:<userId>`: the sealed token and what may be shown of it. */
interface StoredLink {
  v: 1;
  sealed: string;
  tokenId: string;
  prefix?: string;
  environment?: 'sandbox' | 'production';
  accountStatus?: string;
  linkedAt: number;
}

export type VaultEntry =
  | { state: 'none' }
  /** Stored, but this key cannot open it (the key changed, or the entry was moved or altered). */
  | { state: 'unreadable'; info: LinkInfo }
  | { state: 'linked'; token: string; info: LinkInfo };

const PREFIX = 'member-token:';
const storageKey = (userId: string) => `${PREFIX}${userId}`;
/** keyv stores a value without expiry when its TTL is 0. */
const NO_EXPIRY = 0;

export interface TokenVaultOptions {
  kv: Kv;
  /** TOKEN_ENCRYPTION_KEY; undefined: nothing can be sealed or opened (unlinking still works). */
  key: Buffer | undefined;
  now: () => number;
  /** Told every token the vault accepts or opens, so the log scrubber knows it. */
  onSecret?: (token: string) => void;
  /** Told every token the vault deletes (unlinked, refused by the store), so the scrubber forgets it. */
  onForget?: (token: string) => void;
}

/**
 * Members' personal tokens, sealed with AES-256-GCM and bound to their Discord user ID, kept in
 * the bot's store without expiry until the member unlinks or the store refuses the token.
 */
export class TokenVault {
  private readonly keys: TokenKeys | undefined;

  constructor(private readonly options: TokenVaultOptions) {
    this.keys = options.key === undefined ? undefined : deriveKeys(options.key);
  }

  /** False without TOKEN_ENCRYPTION_KEY. */
  get canSeal(): boolean {
    return this.keys !== undefined;
  }

  /** Seals and keeps a token the store has just accepted, replacing (and forgetting) any earlier one. */
  async link(
    userId: string,
    token: string,
    meta: { environment: 'sandbox' | 'production' | undefined; accountStatus: string | undefined },
  ): Promise<LinkInfo> {
    const keys = this.keys;
    if (!keys) throw new Error('personal tokens need TOKEN_ENCRYPTION_KEY');
    this.options.onSecret?.(token);
    const prefix = tokenPrefix(token);
    const stored: StoredLink = {
      v: 1,
      sealed: sealToken(token, userId, keys),
      tokenId: tokenFingerprint(token, keys),
      ...(prefix === undefined ? {} : { prefix }),
      ...(meta.environment === undefined ? {} : { environment: meta.environment }),
      ...(meta.accountStatus === undefined ? {} : { accountStatus: meta.accountStatus.slice(0, 40) }),
      linkedAt: this.options.now(),
    };
    const previous = asStored(await this.options.kv.get<unknown>(storageKey(userId)));
    await this.options.kv.set(storageKey(userId), stored, NO_EXPIRY);
    if (previous && !sameFingerprint(previous.tokenId, stored.tokenId)) this.forget(userId, previous);
    return infoOf(stored);
  }

  /** What is stored for a member, without opening it (no key needed). */
  async info(userId: string): Promise<LinkInfo | undefined> {
    const stored = asStored(await this.options.kv.get<unknown>(storageKey(userId)));
    return stored && infoOf(stored);
  }

  /** The member's token, opened with their own user ID. */
  async read(userId: string): Promise<VaultEntry> {
    const stored = asStored(await this.options.kv.get<unknown>(storageKey(userId)));
    if (!stored) return { state: 'none' };
    const info = infoOf(stored);
    const token = this.keys && openToken(stored.sealed, userId, this.keys);
    if (token === undefined) return { state: 'unreadable', info };
    this.options.onSecret?.(token);
    return { state: 'linked', token, info };
  }

  /** True when at least one member's token is stored (readable with this key or not). */
  async anyStored(): Promise<boolean> {
    for await (const [, value] of this.options.kv.scan<unknown>(PREFIX)) {
      if (asStored(value)) return true;
    }
    return false;
  }

  /** Deletes the member's token at once. True when there was one. */
  async unlink(userId: string): Promise<boolean> {
    const value = await this.options.kv.get<unknown>(storageKey(userId));
    await this.options.kv.delete(storageKey(userId));
    this.forget(userId, asStored(value));
    return value !== undefined;
  }

  /**
   * Deletes the member's token only if it is still the one with this fingerprint (the store refused
   * it), so a token the member linked meanwhile survives. True when it was deleted.
   */
  async unlinkIf(userId: string, tokenId: string): Promise<boolean> {
    const stored = asStored(await this.options.kv.get<unknown>(storageKey(userId)));
    if (!stored || !sameFingerprint(stored.tokenId, tokenId)) return false;
    await this.options.kv.delete(storageKey(userId));
    this.forget(userId, stored);
    return true;
  }

  /** Tells onForget the token of a deleted entry, when this key opens it (only then was it ever told to onSecret). */
  private forget(userId: string, stored: StoredLink | undefined): void {
    const token = stored && this.keys && openToken(stored.sealed, userId, this.keys);
    if (token !== undefined) this.options.onForget?.(token);
  }
}

function asStored(value: unknown): StoredLink | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Partial<StoredLink>;
  return v.v === 1 && typeof v.sealed === 'string' && typeof v.tokenId === 'string'
    ? (value as StoredLink)
    : undefined;
}

function infoOf(stored: StoredLink): LinkInfo {
  return {
    prefix: stored.prefix,
    environment: stored.environment,
    accountStatus: stored.accountStatus,
    linkedAt: typeof stored.linkedAt === 'number' ? stored.linkedAt : 0,
    tokenId: stored.tokenId,
  };
}
