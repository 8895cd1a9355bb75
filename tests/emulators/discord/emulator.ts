import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIMessage, APIUser } from 'discord-api-types/v10';
import { CommandRegistry } from './commands.js';
import { Errors } from './errors.js';
import { Gateway } from './gateway.js';
import { createHandler, type RouteContext, type RouteReply } from './http.js';
import { InteractionManager, type InteractionRecord } from './interactions.js';
import {
  APP_PERMISSIONS,
  ATTACHMENT_SIZE_LIMIT,
  dmChannel,
  guildChannel,
  guildCreate,
  memberObject,
  messageObject,
  userObject,
  type GuildState,
} from './payloads.js';
import { buildRoutes } from './routes.js';
import { interactionToken, snowflake } from './snowflake.js';
import { validateMessage } from './validation.js';
import { Waiters } from './waiters.js';
import type {
  DispatchCommandOptions,
  DispatchTarget,
  DmRecord,
  DiscordEmulatorOptions,
  EmulatedUser,
  InteractionHandle,
  RecordedRequest,
  SessionView,
} from './types.js';

type Json = Record<string, unknown>;

export interface SubmitModalOptions extends DispatchTarget {
  /** Skip the checks the Discord client does before letting a user submit (required, min/max length). */
  skipClientValidation?: boolean;
  /** A modified client: submits the modal under another custom_id than the one the bot sent. */
  forgedCustomId?: string;
}

export interface DispatchComponentOptions extends DispatchTarget {
  /** Selected values, for select menus. */
  values?: string[];
}

export class DiscordEmulator {
  readonly applicationId: string;
  readonly botUserId: string;
  readonly guildIds: string[];
  readonly requests: RecordedRequest[] = [];
  readonly commands: CommandRegistry;
  /** DMs successfully sent by the bot, per recipient user id. */
  readonly dms = new Map<string, DmRecord[]>();
  /** Messages sent with POST /channels/{id}/messages to guild channels, per channel id. */
  readonly channelMessages = new Map<string, APIMessage[]>();
  /** Each guild's text channel, in the order of `guildIds`. */
  get channelIds(): string[] {
    return this.guilds.map((g) => g.channelId);
  }

  /** Channels where the bot lacks the permission to post (its posts get 403 Missing Permissions). */
  readonly postsRefusedIn = new Set<string>();
  readonly dmsClosedFor: Set<string>;

  private readonly token: string;
  private readonly bot: APIUser;
  private readonly guilds: GuildState[];
  private readonly waiters = new Waiters();
  private readonly messages = new Map<string, APIMessage>();
  private readonly interactions: InteractionManager;
  private readonly gateway: Gateway;
  private readonly users = new Map<string, APIUser>();
  private readonly dmChannelByUser = new Map<string, string>();
  private readonly userByDmChannel = new Map<string, string>();
  private readonly defaultUserId = snowflake();
  private readonly server: Server;
  private port = 0;

  constructor(options: DiscordEmulatorOptions = {}) {
    this.token = options.token ?? 'emulator-bot-token';
    this.applicationId = options.applicationId ?? snowflake();
    this.botUserId = options.botUserId ?? this.applicationId;
    this.dmsClosedFor = new Set(options.dmsClosedFor ?? []);
    this.bot = userObject(this.botUserId, 'Emulator Bot', null, true);
    const joinedAt = new Date().toISOString();
    const ownerId = snowflake();
    const spec = options.guilds ?? 1;
    const guildSpecs =
      typeof spec === 'number'
        ? Array.from({ length: spec }, (_, i) => ({ id: snowflake(), name: `Emulated Guild ${i + 1}` }))
        : spec;
    this.guilds = guildSpecs.map((g) => ({ ...g, channelId: snowflake(), ownerId, joinedAt }));
    this.guildIds = this.guilds.map((g) => g.id);
    this.commands = new CommandRegistry(this.applicationId);
    const notify = (): void => {
      this.waiters.notify();
    };
    this.interactions = new InteractionManager({
      applicationId: this.applicationId,
      bot: this.bot,
      firstResponseDeadlineMs: options.firstResponseDeadlineMs ?? 3000,
      interactionTokenTtlMs: options.interactionTokenTtlMs ?? 15 * 60_000,
      messages: this.messages,
      waiters: this.waiters,
      notify,
    });
    this.gateway = new Gateway({
      token: this.token,
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
      resumeUrl: () => this.resumeGatewayUrl,
      readyPayload: (session) => ({
        v: 10,
        user: { ...this.bot, verified: true, mfa_enabled: false, email: null },
        user_settings: {},
        guilds: this.guilds.map((g) => ({ id: g.id, unavailable: true })),
        presences: [],
        private_channels: [],
        relationships: [],
        guild_join_requests: [],
        session_id: session.sessionId,
        session_type: 'normal',
        resume_gateway_url: this.resumeGatewayUrl,
        application: { id: this.applicationId, flags: 0 },
        shard: [0, 1],
        _trace: ['emulator'],
      }),
      guildCreates: () => this.guilds.map(guildCreate),
      onChange: notify,
    });
    const routes = buildRoutes({
      gatewayUrl: () => this.gatewayUrl,
      currentUser: () => ({ ...this.bot, verified: true, mfa_enabled: false, email: null, locale: 'en-US' }),
      application: () => this.applicationObject(),
      commands: this.commands,
      interactions: this.interactions,
      openDm: (recipientId) => this.openDm(recipientId),
      createChannelMessage: (channelId, ctx) => this.createChannelMessage(channelId, ctx),
      getChannel: (channelId) => this.getChannel(channelId),
      guildExists: (id) => this.guildIds.includes(id),
    });
    this.server = createServer(
      createHandler({
        token: this.token,
        routes,
        record: (entry) => {
          this.requests.push(entry);
          notify();
        },
      }),
    );
    if (options.keepAliveMs !== undefined) this.server.keepAliveTimeout = options.keepAliveMs;
    this.server.on('upgrade', (req, socket, head: Buffer) => {
      const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
      if (path === '/gateway' || path === '/gateway/resume') this.gateway.handleUpgrade(req, socket, head);
      else socket.destroy();
    });
  }

  /**
   * Forgets finished interactions: their records, tokens, messages and gateway dispatches (a
   * long benchmark keeps its memory flat). Their handles stay readable; callbacks and edits to
   * them are then answered as Discord answers an unknown interaction.
   */
  forget(handles: Iterable<InteractionHandle>): void {
    const ids = new Set<string>();
    for (const handle of handles) {
      ids.add(handle.id);
      this.interactions.forget(handle.id);
    }
    for (const session of this.gateway.sessions) session.forgetInteractions(ids);
  }

  async listen(): Promise<this> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => {
        resolve();
      });
    });
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}/gateway`;
  }

  get resumeGatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}/gateway/resume`;
  }

  /** Every session that identified (including closed ones). */
  get sessions(): readonly SessionView[] {
    return this.gateway.sessions;
  }

  /** Resolves once `count` (default 1) sessions identified and received READY + every GUILD_CREATE. */
  waitForReady(timeoutMs = 5000, count = 1): Promise<SessionView[]> {
    return this.waiters.waitUntil(
      () => {
        const ready = this.gateway.sessions.filter((s) => s.ready && s.resumable);
        return ready.length >= count ? ready : undefined;
      },
      timeoutMs,
      `${count} ready gateway session(s)`,
    );
  }

  /** Resolves with the first non-undefined result of `probe`, re-checked on every emulator state change. */
  waitFor<T>(probe: () => T | undefined, timeoutMs = 5000, what = 'a condition'): Promise<T> {
    return this.waiters.waitUntil(probe, timeoutMs, what);
  }

  // ---------------------------------------------------------------- dispatching

  /** Dispatches a raw gateway event (`t`, `d`) to the sessions. Returns the number of sessions. */
  dispatchRaw(payload: { t: string; d: unknown }, opts: DispatchTarget = {}): number {
    return this.gateway.dispatch(payload.t, payload.d, opts.to);
  }

  private dispatchInteraction(payload: Json, opts: DispatchTarget): InteractionRecord {
    const record = this.interactions.register(payload, performance.now());
    const delivered = this.gateway.dispatch('INTERACTION_CREATE', payload, opts.to);
    if (delivered === 0)
      throw new Error('Discord emulator: no gateway session to dispatch the interaction to');
    return record;
  }

  private resolveUser(user: EmulatedUser | undefined): APIUser {
    const id = user?.id ?? this.defaultUserId;
    const known = this.users.get(id);
    const username =
      user?.username ??
      known?.username ??
      (id === this.defaultUserId ? 'emulated_user' : `user_${id.slice(-6)}`);
    const globalName =
      user?.globalName !== undefined ? user.globalName : (known?.global_name ?? 'Emulated User');
    const resolved = userObject(id, username, globalName);
    this.users.set(id, resolved);
    return resolved;
  }

  /** Fields shared by every interaction: who, where, and the app context. */
  private interactionBase(
    type: number,
    user: APIUser,
    locale: string,
    guildId: string | null,
    channelId?: string,
  ): Json {
    const id = snowflake();
    const base: Json = {
      id,
      application_id: this.applicationId,
      type,
      token: interactionToken(id),
      version: 1,
      locale,
      app_permissions: APP_PERMISSIONS,
      entitlements: [],
      attachment_size_limit: ATTACHMENT_SIZE_LIMIT,
    };
    if (guildId !== null) {
      const guild = this.guilds.find((g) => g.id === guildId);
      if (!guild) throw new Error(`Discord emulator: unknown guild ${guildId}`);
      const channel = guildChannel(guild);
      if (channelId !== undefined) channel.id = channelId;
      return {
        ...base,
        guild_id: guild.id,
        guild_locale: 'en-US',
        guild: { id: guild.id, locale: 'en-US', features: [] },
        member: memberObject(user, guild.joinedAt),
        channel_id: channel.id,
        channel: { ...channel, permissions: APP_PERMISSIONS },
        authorizing_integration_owners: { '0': guild.id },
        context: 0,
      };
    }
    const dmId = channelId ?? this.dmChannelFor(user.id);
    return {
      ...base,
      user,
      channel_id: dmId,
      channel: dmChannel(dmId, user),
      authorizing_integration_owners: { '0': '0' },
      context: 1,
    };
  }

  /** Dispatches a chat-input APPLICATION_COMMAND interaction. */
  dispatchCommand(opts: DispatchCommandOptions): InteractionHandle {
    const guildId = opts.guildId === undefined ? (this.guildIds[0] ?? null) : opts.guildId;
    const user = this.resolveUser(opts.user);
    const registered = this.commands.find(opts.name, guildId);
    const payload = this.interactionBase(2, user, opts.locale ?? 'en-US', guildId, opts.channelId);
    payload.data = {
      id: registered?.id ?? snowflake(),
      name: opts.name,
      type: 1,
      ...(opts.options ? { options: opts.options } : {}),
      ...(registered?.guild_id ? { guild_id: registered.guild_id } : {}),
    };
    return this.dispatchInteraction(payload, opts);
  }

  /** Re-dispatches the exact same INTERACTION_CREATE payload (a replayed delivery). */
  redeliver(handle: InteractionHandle, opts: DispatchTarget = {}): InteractionHandle {
    this.gateway.dispatch('INTERACTION_CREATE', handle.payload, opts.to);
    return handle;
  }

  /** Dispatches a hand-built MODAL_SUBMIT; missing id/token/application_id/type are filled in. */
  dispatchModalSubmit(raw: Json, opts: DispatchTarget = {}): InteractionHandle {
    const id = typeof raw.id === 'string' ? raw.id : snowflake();
    const payload: Json = {
      application_id: this.applicationId,
      type: 5,
      version: 1,
      token: interactionToken(id),
      ...raw,
      id,
    };
    return this.dispatchInteraction(payload, opts);
  }

  private childInteraction(parent: InteractionHandle, type: number): Json {
    const p = parent.payload;
    const user = (p.member as { user: APIUser } | undefined)?.user ?? (p.user as APIUser);
    const guildId = typeof p.guild_id === 'string' ? p.guild_id : null;
    return this.interactionBase(type, user, String(p.locale), guildId, String(p.channel_id));
  }

  /** Submits the modal the bot showed in answer to `handle`, as the same user. */
  submitModal(
    handle: InteractionHandle,
    values: Record<string, string | string[]>,
    opts: SubmitModalOptions = {},
  ): InteractionHandle {
    const record = this.interactions.get(handle.id);
    const modal = record?.modal;
    if (!record || !modal)
      throw new Error(`Discord emulator: interaction ${handle.id} was not answered with a modal`);
    const components = (modal.components as Json[]).map((c) =>
      submittedComponent(c, values, !opts.skipClientValidation),
    );
    const payload = this.childInteraction(handle, 5);
    payload.data = { custom_id: opts.forgedCustomId ?? modal.custom_id, components };
    const source = record.sourceMessage;
    if (source) payload.message = source;
    return this.dispatchInteraction(payload, opts);
  }

  /** Clicks a button (or picks select `values`) on a message the bot sent for `handle`. */
  dispatchComponent(
    handle: InteractionHandle,
    customId: string,
    opts: DispatchComponentOptions = {},
  ): InteractionHandle {
    const candidates = [handle.original, ...handle.followups.map((f) => f.message)]
      .filter((m): m is APIMessage => m !== null)
      .map((m) => this.messages.get(m.id) ?? m);
    for (const message of candidates) {
      const component = findComponent(message.components ?? [], customId);
      if (!component) continue;
      if (component.disabled === true) throw new Error(`Discord emulator: component ${customId} is disabled`);
      const payload = this.childInteraction(handle, 3);
      payload.message = message;
      payload.data = {
        custom_id: customId,
        component_type: component.type,
        ...(component.id !== undefined ? { id: component.id } : {}),
        ...(component.type === 2 ? {} : { values: opts.values ?? [] }),
      };
      return this.dispatchInteraction(payload, opts);
    }
    throw new Error(`Discord emulator: no message of interaction ${handle.id} has a component ${customId}`);
  }

  /** Ends the life of an interaction's token now, as 15 minutes would: its edits get 401 Invalid Webhook Token. */
  expireToken(handle: InteractionHandle): void {
    const record = this.interactions.get(handle.id);
    if (!record) throw new Error(`Discord emulator: unknown interaction ${handle.id}`);
    record.tokenExpired = true;
  }

  /**
   * A modified client: clicks a button with any `customId` as the user of `handle`, on the message
   * the bot sent for it (whether or not that message has such a button).
   */
  forgeButton(handle: InteractionHandle, customId: string, opts: DispatchTarget = {}): InteractionHandle {
    const payload = this.childInteraction(handle, 3);
    if (handle.original) payload.message = this.messages.get(handle.original.id) ?? handle.original;
    payload.data = { custom_id: customId, component_type: 2 };
    return this.dispatchInteraction(payload, opts);
  }

  // ---------------------------------------------------------------- gateway control

  /** Sends op 7 RECONNECT; the client must RESUME. Events dispatched meanwhile are replayed after resume. */
  requestReconnect(): void {
    this.gateway.requestReconnect();
  }

  /** Sends op 9 (not resumable); the client must IDENTIFY again. */
  invalidateSession(): void {
    this.gateway.invalidateSessions();
  }

  // ---------------------------------------------------------------- DMs

  private dmChannelFor(userId: string): string {
    let channelId = this.dmChannelByUser.get(userId);
    if (!channelId) {
      channelId = snowflake();
      this.dmChannelByUser.set(userId, channelId);
      this.userByDmChannel.set(channelId, userId);
    }
    return channelId;
  }

  private openDm(recipientId: unknown): RouteReply {
    if (typeof recipientId !== 'string' || !/^[0-9]+$/.test(recipientId)) {
      throw Errors.invalidFormBody({
        recipient_id: {
          _errors: [
            { code: 'NUMBER_TYPE_COERCE', message: `Value "${String(recipientId)}" is not snowflake.` },
          ],
        },
      });
    }
    const user = this.users.get(recipientId) ?? this.resolveUser({ id: recipientId });
    return { status: 200, json: dmChannel(this.dmChannelFor(recipientId), user) };
  }

  private getChannel(channelId: string): RouteReply {
    const guild = this.guilds.find((g) => g.channelId === channelId);
    if (!guild) throw Errors.unknownChannel();
    return { status: 200, json: guildChannel(guild) };
  }

  private createChannelMessage(channelId: string, ctx: RouteContext): RouteReply {
    const dmUser = this.userByDmChannel.get(channelId);
    const guild = this.guilds.find((g) => g.channelId === channelId);
    if (!dmUser && !guild) throw Errors.unknownChannel();
    if (this.postsRefusedIn.has(channelId)) throw Errors.missingPermissions();
    const flags = (ctx.body.json as { flags?: unknown } | undefined)?.flags;
    if (typeof flags === 'number' && (flags & 64) !== 0) {
      throw Errors.invalidFormBody({
        flags: { _errors: [{ code: 'MESSAGE_FLAGS_INVALID', message: 'Invalid flags' }] },
      });
    }
    validateMessage(ctx.body.json, { mode: 'create', hasFiles: ctx.body.files.length > 0 });
    if (dmUser && this.dmsClosedFor.has(dmUser)) throw Errors.cannotDm();
    const message = messageObject(
      (ctx.body.json ?? {}) as Json,
      { channelId, bot: this.bot, applicationId: this.applicationId },
      ctx.body.files,
    );
    this.messages.set(message.id, message);
    if (dmUser) {
      const list = this.dms.get(dmUser) ?? [];
      list.push({ body: ctx.body.json, at: performance.now(), channelId });
      this.dms.set(dmUser, list);
    } else {
      const list = this.channelMessages.get(channelId) ?? [];
      list.push(message);
      this.channelMessages.set(channelId, list);
    }
    return { status: 200, json: message };
  }

  /** Resolves with the first DM to `userId` (or the latest one already received). */
  waitForDm(userId: string, timeoutMs = 5000): Promise<DmRecord> {
    return this.waiters.waitUntil(() => this.dms.get(userId)?.[0], timeoutMs, `a DM to user ${userId}`);
  }

  private applicationObject(): Json {
    return {
      id: this.applicationId,
      name: 'Emulator Bot',
      icon: null,
      description: '',
      summary: '',
      type: null,
      bot_public: true,
      bot_require_code_grant: false,
      verify_key: '0'.repeat(64),
      flags: 0,
      team: null,
      owner: userObject(this.guilds[0]?.ownerId ?? snowflake(), 'owner', 'Owner'),
      bot: this.bot,
      approximate_guild_count: this.guilds.length,
      integration_types_config: { '0': {} },
    };
  }

  /** Terminates every socket and stops the HTTP server. */
  async close(): Promise<void> {
    this.waiters.cancelAll();
    this.gateway.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) =>
      this.server.close(() => {
        resolve();
      }),
    );
  }
}

function findComponent(components: readonly unknown[], customId: string): Json | undefined {
  for (const c of components) {
    if (typeof c !== 'object' || c === null) continue;
    const comp = c as Json;
    if (comp.custom_id === customId) return comp;
    for (const key of ['components', 'accessory', 'component'] as const) {
      const inner = comp[key];
      const found = findComponent(Array.isArray(inner) ? inner : inner ? [inner] : [], customId);
      if (found) return found;
    }
  }
  return undefined;
}

/** Builds the MODAL_SUBMIT representation of one top-level modal component. */
function submittedComponent(c: Json, values: Record<string, string | string[]>, clientChecks: boolean): Json {
  const fill = (inner: Json): Json => {
    const customId = String(inner.custom_id);
    const given = values[customId];
    if (inner.type === 4) {
      const value =
        typeof given === 'string'
          ? given
          : Array.isArray(given)
            ? given.join('')
            : typeof inner.value === 'string'
              ? inner.value
              : '';
      if (clientChecks) checkTextInput(inner, value);
      return { type: 4, id: inner.id, custom_id: customId, value };
    }
    const defaults = Array.isArray(inner.options)
      ? (inner.options as Json[]).filter((o) => o.default === true).map((o) => String(o.value))
      : [];
    const selected = given === undefined ? defaults : Array.isArray(given) ? given : [given];
    if (clientChecks && inner.type === 3) checkSelect(inner, selected);
    return { type: inner.type, id: inner.id, custom_id: customId, values: selected };
  };
  switch (c.type) {
    case 18:
      return { type: 18, id: c.id, component: fill(c.component as Json) };
    case 1:
      return { type: 1, id: c.id, components: (c.components as Json[]).map(fill) };
    default:
      return { type: c.type, id: c.id };
  }
}

function checkTextInput(input: Json, value: string): void {
  const id = String(input.custom_id);
  const required = input.required !== false;
  if (required && value.length === 0) throw new Error(`Discord emulator: text input ${id} is required`);
  const min = typeof input.min_length === 'number' ? input.min_length : 0;
  const max = typeof input.max_length === 'number' ? input.max_length : 4000;
  if (value.length > 0 && (value.length < min || value.length > max)) {
    throw new Error(
      `Discord emulator: text input ${id} must be ${min}..${max} characters (got ${value.length})`,
    );
  }
}

function checkSelect(select: Json, selected: string[]): void {
  const id = String(select.custom_id);
  const options = (select.options as Json[] | undefined) ?? [];
  for (const v of selected) {
    if (!options.some((o) => o.value === v))
      throw new Error(`Discord emulator: ${v} is not an option of ${id}`);
  }
  const required = select.required !== false;
  const min = typeof select.min_values === 'number' ? select.min_values : required ? 1 : 0;
  const max = typeof select.max_values === 'number' ? select.max_values : 1;
  if (selected.length < min || selected.length > max) {
    throw new Error(`Discord emulator: select ${id} needs ${min}..${max} values (got ${selected.length})`);
  }
}
