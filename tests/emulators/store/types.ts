/** Public types of the LeuwongRR User API emulator. */

export type Environment = 'sandbox' | 'production';
export type AccountStatus = 'active' | 'suspended';
export type PaymentMethod = 'invoice' | 'balance';
export type OrderType = 'gamepass' | 'vip_server';

export interface AccountSpec {
  id?: number;
  name?: string;
  email?: string;
  token: string;
  /** Default: from the token prefix (`lrrs_v1_` sandbox, `lrrp_v1_` production; anything else sandbox). */
  environment?: Environment;
  status?: AccountStatus;
  /** IDR, integer. Default 25000. */
  balance?: number;
  linkedDiscordIds?: string[];
  revoked?: boolean;
}

/** Live, mutable account state. Tests may change any field directly. */
export interface Account {
  id: number;
  name: string;
  email: string;
  token: string;
  environment: Environment;
  status: AccountStatus;
  balance: number;
  linkedDiscordIds: string[];
  revoked: boolean;
  /** clock() value of the previous authenticated request, or null. */
  lastUsedAt: number | null;
}

export interface AccountHelpers {
  addAccount(spec: AccountSpec): Account;
  /** Marks the token revoked (401 from then on). Throws if unknown. */
  revoke(token: string): Account;
  /** Links a Discord user ID to the account owning the token. Throws if unknown. */
  link(token: string, discordId: string): Account;
  byToken(token: string): Account | undefined;
}

export type AccountList = Account[] & AccountHelpers;

/** What a request was classified as (for faults and waitForRequests). */
export type Route = 'create' | 'validate' | 'balance' | 'other';
export type FaultRoute = 'create' | 'validate' | 'balance' | 'any';

export type Fault =
  | { type: 'delay'; ms: number }
  | { type: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
  | { type: 'rate_limit'; retryAfterSeconds: number }
  | { type: 'html'; status: number }
  | { type: 'malformed_json'; status: number }
  | { type: 'hang' }
  | { type: 'drop_before_commit' }
  | { type: 'drop_after_commit' }
  | { type: 'hang_after_commit' }
  | { type: 'delay_after_commit'; ms: number };

export interface InjectOptions {
  /** Default 1. */
  times?: number;
  /** Default 'create'. */
  route?: FaultRoute;
}

/** A create-order body after validation (alias gamepass_id resolved, defaults applied). */
export interface ValidatedOrder {
  order_type: OrderType;
  roblox_username: string;
  place_id: number;
  roblox_pass_id: number;
  payment_method: PaymentMethod;
  client_reference?: string;
}

export interface LedgerEntry {
  invoiceCode: string;
  accountId: number;
  token: string;
  environment: Environment;
  idempotencyKey: string | null;
  discordUserId: string | null;
  /** The request body as parsed JSON. */
  body: Record<string, unknown>;
  order: ValidatedOrder;
  robuxAmount: number;
  amount: number;
  paymentMethod: PaymentMethod;
  /** 'pending' | 'paid' | anything set with setPaymentStatus(). */
  paymentStatus: string;
  orderStatus: string;
  /** clock() at commit. */
  at: number;
}

export interface RequestRecord {
  method: string;
  /** Pathname without query string, e.g. `/api/v1/me/orders`. */
  path: string;
  /** Original request target including the query string. */
  url: string;
  route: Route;
  /** Lower-case names; includes authorization. Never print these. */
  headers: Record<string, string>;
  rawBody: string;
  /** Parsed JSON, or undefined when empty / not JSON. */
  body: unknown;
  /** performance.now() when the request (with its body) was received. */
  at: number;
  /** 0 until answered; stays 0 when the connection was dropped or hung. */
  status: number;
  /** Time from receipt to answer/drop; null until then. */
  durationMs: number | null;
  /** The injected fault's type, if one was applied. */
  fault?: string;
}

export interface RateLimitConfig {
  createPerMinute: number;
  maxConcurrent: number;
}

export interface StoreEmulatorOptions {
  /** Default: one sandbox account with token DEFAULT_SANDBOX_TOKEN. */
  accounts?: AccountSpec[];
  /** Per token, create-order only. Default { createPerMinute: 10, maxConcurrent: 3 }. */
  rateLimit?: RateLimitConfig | false;
  /** Processing time of each create-order (after validation), default 0. */
  orderLatencyMs?: number;
  /** Status for DISCORD_LINK_REQUIRED (undocumented), default 403. */
  linkRequiredStatus?: number;
  /** Status for INSUFFICIENT_BALANCE (undocumented), default 422. */
  insufficientBalanceStatus?: number;
  /** Official Roblox check; false → 422 ROBLOX_VALIDATION_FAILED. */
  robloxCheck?: (order: ValidatedOrder) => boolean;
  /** Epoch milliseconds; used for rate-limit windows, timestamps and invoice dates. Default Date.now. */
  clock?: () => number;
  /** The invoice's `formatted_amount` for an amount in IDR. Default `Rp` and dotted thousands (`Rp16.500`). */
  formatAmount?: (amount: number) => string;
  /** Port to listen on, default 0 (ephemeral). */
  port?: number;
  /** Called once per request when it is answered, dropped or abandoned. */
  onRequest?: (record: RequestRecord) => void;
}

export interface StoreStats {
  /** 429s produced by the emulator's own limiter (not injected ones). */
  rateLimited: number;
  rateLimitedByWindow: number;
  rateLimitedByConcurrency: number;
  created: number;
  idempotentReplays: number;
  idempotencyConflicts: number;
  injectedFaults: number;
  /** Peak number of create-order requests in flight for a single token. */
  maxInFlightCreates: number;
}

export interface StoreEmulator {
  /** `http://127.0.0.1:PORT/api/v1` */
  readonly baseUrl: string;
  /** `http://127.0.0.1:PORT` */
  readonly origin: string;
  readonly port: number;
  readonly accounts: AccountList;
  readonly ledger: LedgerEntry[];
  readonly requests: RequestRecord[];
  readonly stats: StoreStats;
  addAccount(spec: AccountSpec): Account;
  revoke(token: string): Account;
  link(token: string, discordId: string): Account;
  /** Changes an order's payment status (e.g. 'paid', 'expired'). Throws if unknown. */
  setPaymentStatus(invoiceCode: string, paymentStatus: string): LedgerEntry;
  inject(fault: Fault, opts?: InjectOptions): void;
  /** Drops all queued faults. */
  clearFaults(): void;
  /** Stop listening (connections refused, open sockets destroyed). State is kept. */
  pause(): Promise<void>;
  /** Listen again on the same port. */
  resume(): Promise<void>;
  /** Resolves with the matching requests once at least n were received. Default timeout 5000 ms. */
  waitForRequests(n: number, route?: FaultRoute, timeoutMs?: number): Promise<RequestRecord[]>;
  close(): Promise<void>;
}
