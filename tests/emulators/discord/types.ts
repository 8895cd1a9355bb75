import type {
  APIApplicationCommand,
  APIApplicationCommandInteractionDataOption,
  APIMessage,
  APIUser,
} from 'discord-api-types/v10';

export interface DiscordEmulatorOptions {
  /** Bot token accepted by REST and the gateway. Default `'emulator-bot-token'`. */
  token?: string;
  applicationId?: string;
  botUserId?: string;
  /** Number of guilds (default 1) or explicit guilds. */
  guilds?: number | { id: string; name: string }[];
  /** Time allowed for the first interaction callback. Default 3000 ms. */
  firstResponseDeadlineMs?: number;
  /** Lifetime of interaction tokens (webhook edits/follow-ups). Default 15 minutes. */
  interactionTokenTtlMs?: number;
  /** HELLO heartbeat interval. Default 41250 ms. */
  heartbeatIntervalMs?: number;
  /** User IDs whose DMs are closed (POST /channels/{dm}/messages answers 403 50007). */
  dmsClosedFor?: Iterable<string>;
  /**
   * How long an idle HTTP connection stays open (the server's keep-alive timeout, which it also
   * tells the client). Default Node's: 5 seconds.
   */
  keepAliveMs?: number;
}

export interface RecordedRequest {
  method: string;
  /** Path without the query string, e.g. `/api/v10/interactions/1/tok/callback`. */
  path: string;
  query: Record<string, string>;
  /** Parsed JSON body; for multipart/form-data the parsed `payload_json`. */
  body: unknown;
  /** File names of multipart uploads, if any. */
  files?: string[];
  /** Whether the request carried an `Authorization` header (any value). */
  authorized: boolean;
  at: number;
  status: number;
  /** Discord JSON error code when the request was rejected. */
  errorCode?: number;
}

export interface CallbackRecord {
  type: number;
  data: unknown;
  at: number;
  status: number;
  errorCode?: number;
}

export interface EditRecord {
  /** `'@original'` or a follow-up message id. */
  messageId: string;
  body: unknown;
  at: number;
  status: number;
  errorCode?: number;
}

export interface FollowupRecord {
  body: unknown;
  at: number;
  status: number;
  errorCode?: number;
  message: APIMessage | null;
}

export interface DmRecord {
  body: unknown;
  at: number;
  channelId: string;
}

export interface EmulatedUser {
  id?: string;
  username?: string;
  globalName?: string | null;
}

export interface DispatchTarget {
  /** Which gateway sessions receive the event. Default `'all'`. */
  to?: 'all' | 'first';
}

export interface DispatchCommandOptions extends DispatchTarget {
  name: string;
  options?: APIApplicationCommandInteractionDataOption[];
  user?: EmulatedUser;
  locale?: string;
  /** `null` = bot DM. Default: first guild. */
  guildId?: string | null;
  channelId?: string;
}

export interface InteractionHandle {
  readonly id: string;
  readonly token: string;
  /** The exact INTERACTION_CREATE `d` that was dispatched. */
  readonly payload: Record<string, unknown>;
  /** Who the interaction comes from. */
  readonly user: APIUser;
  readonly dispatchedAt: number;
  readonly callbacks: CallbackRecord[];
  /** Current `@original` message, or null. */
  readonly original: APIMessage | null;
  readonly edits: EditRecord[];
  readonly followups: FollowupRecord[];
  /** First successful callback. */
  waitForCallback(timeoutMs?: number): Promise<CallbackRecord>;
  /** First successful PATCH of `@original` (optionally satisfying `predicate`). */
  waitForEdit(predicate?: (edit: EditRecord) => boolean, timeoutMs?: number): Promise<EditRecord>;
  /** First successful follow-up (optionally satisfying `predicate`). */
  waitForFollowup(predicate?: (f: FollowupRecord) => boolean, timeoutMs?: number): Promise<FollowupRecord>;
}

export interface CommandStore {
  global: APIApplicationCommand[];
  guilds: Map<string, APIApplicationCommand[]>;
}

export interface SessionView {
  readonly sessionId: string;
  /** IDENTIFY `d` without the token. */
  readonly identify: Record<string, unknown>;
  readonly connected: boolean;
  readonly ready: boolean;
  /** False once the client closed with 1000/1001 or the session was invalidated. */
  readonly resumable: boolean;
  readonly seq: number;
  readonly resumes: number;
  /** Paths (with query) of every WebSocket connection of this session. */
  readonly connectionUrls: string[];
}
