import type { Logger } from 'pino';
import { UpstreamError } from '../errors.js';
import type { LeuwongClient } from '../leuwong/client.js';
import type { Balance } from '../leuwong/schema.js';
import type { Accounts } from './accounts.js';
import type { StoreReads } from '../limits/reads.js';
import { isPlausibleToken, tokenEnvironment } from './crypto.js';
import type { LinkInfo } from './vault.js';

/**
 * The three member actions without Discord: link a token (validated by the store first), unlink,
 * and look at the link. The token is never logged, returned or stored unsealed.
 */

export interface LinkDeps {
  api: LeuwongClient;
  accounts: Accounts;
  reads: StoreReads;
  log: Logger;
}

export type LinkResult =
  | { kind: 'linked'; info: LinkInfo }
  /** Not even worth asking the store: spaces, control characters, or an impossible length. */
  | { kind: 'not_a_token' }
  /** 401: mistyped, expired or revoked. */
  | { kind: 'invalid' }
  /** 403: the account is not active or not eligible for the API. */
  | { kind: 'not_eligible' }
  /** No answer we can trust (network, timeout, 5xx, 429, an unreadable body). */
  | { kind: 'unavailable' };

/** How long `/link` waits for the store (its reply is deferred, so this may exceed 3 seconds). */
const VALIDATE_TIMEOUT_MS = 20_000;

export async function linkToken(deps: LinkDeps, userId: string, pasted: string): Promise<LinkResult> {
  deps.accounts.requireLinking();
  const token = pasted.trim();
  if (!isPlausibleToken(token)) {
    deps.log.info('link refused: the pasted text is not a token');
    return { kind: 'not_a_token' };
  }
  await deps.reads.admit('link', userId, token);
  let environment: 'sandbox' | 'production' | undefined;
  let accountStatus: string | undefined;
  try {
    const info = await deps.api.validateToken(token, AbortSignal.timeout(VALIDATE_TIMEOUT_MS));
    const byPrefix = tokenEnvironment(token);
    environment = info.environment ?? (byPrefix === 'unknown' ? undefined : byPrefix);
    accountStatus = info.accountStatus;
  } catch (error) {
    if (!(error instanceof UpstreamError)) throw error;
    deps.log.info({ kind: error.kind, status: error.status, code: error.code }, 'link refused by the store');
    if (error.kind === 'unauthorized') return { kind: 'invalid' };
    if (error.kind === 'forbidden') return { kind: 'not_eligible' };
    return { kind: 'unavailable' };
  }
  const info = await deps.accounts.vault.link(userId, token, { environment, accountStatus });
  deps.log.info({ environment: info.environment ?? 'unknown', accountStatus }, 'member token linked');
  return { kind: 'linked', info };
}

/** Deletes the member's token at once, whatever PERSONAL_TOKENS says. True when there was one. */
export async function unlinkToken(
  deps: Pick<LinkDeps, 'accounts' | 'log'>,
  userId: string,
): Promise<boolean> {
  const removed = await deps.accounts.vault.unlink(userId);
  deps.log.info({ removed }, 'member token unlinked');
  return removed;
}

export type AccountStatus =
  /** Linking is off; `stored` tells whether an old token is still kept (so /unlink is worth running). */
  | { kind: 'disabled'; stored: boolean }
  | { kind: 'none' }
  | { kind: 'unreadable' }
  /** The store answered 401 for the token just now: it was deleted. */
  | { kind: 'refused' }
  /** `balance`: as the store sent it, or undefined when the store could not tell right now. */
  | { kind: 'linked'; info: LinkInfo; balance: Balance | undefined };

/** What /account shows: the member's link, and the balance of a linked account. */
export async function accountStatus(deps: LinkDeps, userId: string): Promise<AccountStatus> {
  if (!deps.accounts.linking) {
    return { kind: 'disabled', stored: (await deps.accounts.vault.info(userId)) !== undefined };
  }
  const entry = await deps.accounts.vault.read(userId);
  if (entry.state === 'none') return { kind: 'none' };
  if (entry.state === 'unreadable') return { kind: 'unreadable' };
  await deps.reads.admit('account', userId, entry.token);
  try {
    const balance = await deps.api.getBalance(entry.token);
    return { kind: 'linked', info: entry.info, balance };
  } catch (error) {
    if (!(error instanceof UpstreamError)) throw error;
    if (error.kind === 'unauthorized') {
      await deps.accounts.refused(userId, entry.info.tokenId, deps.log);
      return { kind: 'refused' };
    }
    deps.log.info({ kind: error.kind, status: error.status }, 'member balance could not be read');
    return { kind: 'linked', info: entry.info, balance: undefined };
  }
}
