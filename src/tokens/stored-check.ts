import type { Logger } from 'pino';
import type { TokenVault } from './vault.js';

/** Members' tokens are stored but cannot be opened: the process must not run (exit 1). */
export class StoredTokensWithoutKeyError extends Error {
  override readonly name = 'StoredTokensWithoutKeyError';
  constructor() {
    super(
      "Members' linked LeuwongRR tokens are stored but TOKEN_ENCRYPTION_KEY is not set: their orders would go on the shop's account. " +
        'Set TOKEN_ENCRYPTION_KEY back to the key they were linked with, or set PERSONAL_TOKENS=off to place every order with LEUWONG_API_TOKEN.',
    );
  }
}

/**
 * At start, without TOKEN_ENCRYPTION_KEY: a member who linked their own token must not see their
 * orders placed on the shop's account because the key went missing. Unless the operator set
 * PERSONAL_TOKENS=off, any stored member token stops the start. A record store that cannot be read
 * now (Redis down) is not a reason to stop: it is logged and the bot starts, refusing orders until
 * the store answers. Returns true in that case only: each order must then check its own user
 * (Accounts, guardStoredTokens), as no token can be stored without the key.
 */
export async function refuseStoredTokensWithoutKey(
  /** TOKEN_ENCRYPTION_KEY, and whether PERSONAL_TOKENS was set at all. */
  settings: { encryptionKey: Buffer | undefined; explicit: boolean },
  vault: TokenVault,
  logger: Logger,
): Promise<boolean> {
  if (settings.encryptionKey !== undefined || settings.explicit) return false;
  let stored: boolean;
  try {
    stored = await vault.anyStored();
  } catch (error) {
    logger.warn({ err: error }, "could not check the record store for members' linked tokens at start");
    return true;
  }
  if (stored) throw new StoredTokensWithoutKeyError();
  return false;
}
