import type { Clock } from '../clock.js';
import { RefusalError } from '../errors.js';
import { budgetId, type TokenBudget } from './budget.js';
import { Cooldown } from './cooldown.js';
import type { Kv } from '../store/kv.js';

/** The member actions that ask the store something: `/link` checks a token, `/account` reads a balance. */
export type StoreAsk = 'link' | 'account';

/**
 * What a member may ask the store for: one ask of each kind per user per cooldown, within the
 * token's reads a minute (LEUWONG_READS_PER_MINUTE), so a user pressing again and again cannot
 * spend the token's budget.
 */
export class StoreReads {
  private readonly cooldowns: Record<StoreAsk, Cooldown>;

  constructor(
    kv: Kv,
    clock: Clock,
    private readonly budget: TokenBudget,
    cooldownSeconds: number,
  ) {
    this.cooldowns = {
      link: new Cooldown(kv, clock, cooldownSeconds, 'link-cooldown'),
      account: new Cooldown(kv, clock, cooldownSeconds, 'account-cooldown'),
    };
  }

  /** Takes the user's turn and a read of the token, or refuses (too soon, or the token's reads spent). */
  async admit(ask: StoreAsk, userId: string, token: string): Promise<void> {
    const cooldown = this.cooldowns[ask];
    const secondsLeft = await cooldown.start(userId);
    if (secondsLeft !== undefined)
      throw new RefusalError({ kind: 'too_soon', retryAfterSeconds: secondsLeft });
    try {
      await this.budget.takeRead(budgetId(token));
    } catch (error) {
      // The user asked nothing of the store: their turn is given back.
      await cooldown.end(userId);
      throw error;
    }
  }
}
