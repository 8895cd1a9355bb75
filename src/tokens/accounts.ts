import type { Logger } from 'pino';
import { RefusalError } from '../errors.js';
import type { PaymentMethod } from '../leuwong/schema.js';
import { sameFingerprint } from './crypto.js';
import type { TokenVault } from './vault.js';

/**
 * PERSONAL_TOKENS:
 * - `off`: every order uses the operator's token; /link answers that linking is not enabled.
 * - `optional`: a linked member's orders use their own token, everyone else's the operator's.
 * - `required-for-balance`: as optional, but /order-balance needs a linked token.
 */
export const PERSONAL_TOKEN_MODES = ['off', 'optional', 'required-for-balance'] as const;
export type PersonalTokensMode = (typeof PERSONAL_TOKEN_MODES)[number];

/** A member's own token, for one call, and the fingerprint the order record keeps instead of it. */
export interface MemberToken {
  token: string;
  tokenId: string;
}

export interface MemberAccountsOptions {
  vault: TokenVault;
  mode: PersonalTokensMode;
  logger: Logger;
}

/** How long `/order-balance` may spend looking up a link before it opens the modal anyway. */
const PRECHECK_MS = 1_000;

/** Which account an order goes to: the member's own (a linked token) or the operator's. */
export class MemberAccounts {
  constructor(private readonly options: MemberAccountsOptions) {}

  get vault(): TokenVault {
    return this.options.vault;
  }

  get mode(): PersonalTokensMode {
    return this.options.mode;
  }

  /** True when members can link their own token and their orders use it. */
  get enabled(): boolean {
    return this.options.mode !== 'off' && this.options.vault.canSeal;
  }

  /** Throws the refusal `/link` and friends give when linking is off. */
  requireEnabled(): void {
    if (!this.enabled) throw new RefusalError({ kind: 'linking_disabled' });
  }

  /**
   * The member's own token for a new order, or undefined for the operator's. Throws when the member
   * linked a token the bot can no longer open (rather than silently ordering on the shop's account),
   * and, with `required-for-balance`, when an unlinked member pays with the balance.
   */
  async forNewOrder(userId: string, payment: PaymentMethod): Promise<MemberToken | undefined> {
    if (!this.enabled) return undefined;
    const entry = await this.options.vault.read(userId);
    switch (entry.state) {
      case 'linked':
        return { token: entry.token, tokenId: entry.info.tokenId };
      case 'unreadable':
        this.options.logger.warn(
          { userId },
          'a member token cannot be opened with TOKEN_ENCRYPTION_KEY (key changed?); the member must link again',
        );
        throw new RefusalError({ kind: 'relink_required' });
      case 'none':
        if (payment === 'balance' && this.options.mode === 'required-for-balance') {
          throw new RefusalError({ kind: 'link_required_personal' });
        }
        return undefined;
    }
  }

  /**
   * Before `/order-balance` opens its modal: refuses an unlinked member at once when a link is
   * required. A slow or failing store is not a refusal here: the order itself checks again.
   */
  async precheckBalance(userId: string): Promise<void> {
    if (!this.enabled || this.options.mode !== 'required-for-balance') return;
    const timeout = new Promise<'timeout'>((resolve) => setTimeout(resolve, PRECHECK_MS, 'timeout').unref());
    const info = await Promise.race([
      this.options.vault.info(userId).then(
        (value) => value ?? 'none',
        () => 'timeout' as const,
      ),
      timeout,
    ]);
    if (info === 'none') throw new RefusalError({ kind: 'link_required_personal' });
  }

  /**
   * The token of an order already placed on a member's account (the retry button, recovery): the
   * same token, so the store's Idempotency-Key scope is the same account. Used whatever
   * PERSONAL_TOKENS says now, as long as the token is still stored and the key opens it.
   */
  async forRecord(userId: string, tokenId: string | undefined): Promise<MemberToken> {
    const entry = await this.options.vault.read(userId);
    if (entry.state !== 'linked') throw new RefusalError({ kind: 'relink_required' });
    if (tokenId !== undefined && !sameFingerprint(entry.info.tokenId, tokenId)) {
      throw new RefusalError({ kind: 'token_changed' });
    }
    return { token: entry.token, tokenId: entry.info.tokenId };
  }

  /** The store answered 401 for this member's token: delete it (unless the member linked another meanwhile). */
  async refused(userId: string, tokenId: string, log: Logger): Promise<void> {
    try {
      if (await this.options.vault.unlinkIf(userId, tokenId)) {
        log.info({ userId }, 'the store refused a member token (401); it was deleted');
      }
    } catch (error) {
      log.warn({ err: error, userId }, 'could not delete a member token the store refused');
    }
  }
}
