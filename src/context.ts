import type { Logger } from 'pino';
import type { AckFirst } from './acks.js';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { InteractionReplies } from './discord/replies.js';
import type { LeuwongClient } from './leuwong/client.js';
import type { Lang, Messages } from './messages/index.js';
import type { OrderService } from './orders/service.js';
import type { Kv } from './store/kv.js';
import type { MemberAccounts } from './tokens/accounts.js';

/** Everything a handler needs, passed in so a test builds the real thing with a fake at the edge. */
export interface Deps {
  config: Config;
  logger: Logger;
  api: LeuwongClient;
  kv: Kv;
  orders: OrderService;
  clock: Clock;
  /** Members' own linked tokens: /link, /unlink, /account, and which account an order uses. */
  members: MemberAccounts;
  /** Lets every pending acknowledgement go before the work that follows one (see AckFirst). */
  acks: AckFirst;
  /** Edits an interaction's original response (see InteractionReplies). */
  replies: InteractionReplies;
}

/** Deps plus what belongs to one interaction: its logger and its user's language. */
export interface Ctx extends Deps {
  log: Logger;
  lang: Lang;
  m: Messages;
  /**
   * Call right after acknowledging (defer): resolves once the other interactions that arrived have
   * been acknowledged too, so this one's slower work does not delay them.
   */
  acknowledged(): Promise<void>;
}
