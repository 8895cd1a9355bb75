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

/** The account an order is placed on, with the token for its calls. */
export type OrderAccount =
  | { kind: 'operator'; token: string }
  /** `tokenId`: the fingerprint the order record keeps instead of the token. */
  | { kind: 'member'; token: string; tokenId: string };

export interface AccountsOptions {
  vault: TokenVault;
  mode: PersonalTokensMode;
  /** LEUWONG_API_TOKEN. */
  operatorToken: string;
  /**
   * True when tokens are off only because TOKEN_ENCRYPTION_KEY is not set (PERSONAL_TOKENS unset)
   * and the start-up check could not read the record store: a member who linked a token earlier is
   * refused rather than served on the shop's account.
   */
  guardStoredTokens?: boolean;
  logger: Logger;
}

/** How long `/order-balance` may spend looking up a link before it opens the form anyway. */
const PRECHECK_MS = 1_000;

/** Which account an order goes to: the member's own (a linked token) or the operator's. */
export class Accounts {
  constructor(private readonly options: AccountsOptions) {}

  get vault(): TokenVault {
    return this.options.vault;
  }

  get mode(): PersonalTokensMode {
    return this.options.mode;
  }

  /** True when members can link their own token and their orders use it. */
  get linking(): boolean {
    return this.options.mode !== 'off' && this.options.vault.canSeal;
  }

  /** Throws the refusal `/link` gives when linking is off. */
  requireLinking(): void {
    if (!this.linking) throw new RefusalError({ kind: 'linking_disabled' });
  }

  /**
   * The account of a new order: the member's own when they linked a token, else the operator's.
   * Refuses when the member linked a token the bot can no longer open (rather than silently
   * ordering on the shop's account), and, with `required-for-balance`, an unlinked member's
   * balance order.
   */
  async forNewOrder(userId: string, payment: PaymentMethod): Promise<OrderAccount> {
    if (!this.linking) {
      await this.refuseStoredToken(userId);
      return this.operator();
    }
    const entry = await this.options.vault.read(userId);
    switch (entry.state) {
      case 'linked':
        return { kind: 'member', token: entry.token, tokenId: entry.info.tokenId };
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
        return this.operator();
    }
  }

  /**
   * Without TOKEN_ENCRYPTION_KEY (and PERSONAL_TOKENS unset), a member's stored token cannot be
   * opened: their order is refused. The start-up check stops the bot when such tokens exist; this
   * runs only when it could not look (the record store was down at start).
   */
  private async refuseStoredToken(userId: string): Promise<void> {
    if (this.options.guardStoredTokens !== true) return;
    if ((await this.options.vault.info(userId)) === undefined) return;
    this.options.logger.error(
      { userId },
      "a member linked a LeuwongRR token but TOKEN_ENCRYPTION_KEY is not set: their order is refused, not placed on the shop's account",
    );
    throw new RefusalError({ kind: 'member_token_locked' });
  }

  /**
   * Before `/order-balance` opens its form: refuses an unlinked member at once when a link is
   * required. A slow or failing store is not a refusal here: the order itself checks again.
   */
  async precheckBalance(userId: string): Promise<void> {
    if (!this.linking || this.options.mode !== 'required-for-balance') return;
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
   * The account of an order already recorded (the retry button, recovery): a member's order goes
   * out only with the token it was placed with, whatever PERSONAL_TOKENS says now, so the store's
   * Idempotency-Key scope stays the same account. Refuses when that token is gone.
   */
  async forRecord(record: {
    account: 'operator' | 'member';
    userId: string;
    tokenId?: string;
  }): Promise<OrderAccount> {
    if (record.account === 'operator') return this.operator();
    const entry = await this.options.vault.read(record.userId);
    if (entry.state !== 'linked') throw new RefusalError({ kind: 'relink_required' });
    if (record.tokenId !== undefined && !sameFingerprint(entry.info.tokenId, record.tokenId)) {
      throw new RefusalError({ kind: 'token_changed' });
    }
    return { kind: 'member', token: entry.token, tokenId: entry.info.tokenId };
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

  private operator(): OrderAccount {
    return { kind: 'operator', token: this.options.operatorToken };
  }
}
