import type { APIMessage, APIUser } from 'discord-api-types/v10';
import { ApiError, Errors, FormErrors } from './errors.js';
import { applyEdit, messageObject } from './payloads.js';
import { validateMessage, validateModal, MessageFlags } from './validation.js';
import type { Waiters } from './waiters.js';
import type { CallbackRecord, EditRecord, FollowupRecord, InteractionHandle } from './types.js';

const DEFAULT_WAIT_MS = 5000;

export const CallbackType = {
  Pong: 1,
  ChannelMessageWithSource: 4,
  DeferredChannelMessageWithSource: 5,
  DeferredUpdateMessage: 6,
  UpdateMessage: 7,
  AutocompleteResult: 8,
  Modal: 9,
  LaunchActivity: 12,
} as const;

/** Which callback types Discord accepts for each interaction type. */
const ALLOWED_CALLBACKS: Record<number, readonly number[]> = {
  1: [1],
  2: [4, 5, 9, 12],
  3: [4, 5, 6, 7, 9, 12],
  4: [8],
  5: [4, 5, 6, 7],
};

type Json = Record<string, unknown>;

export interface InteractionWorld {
  applicationId: string;
  bot: APIUser;
  firstResponseDeadlineMs: number;
  interactionTokenTtlMs: number;
  messages: Map<string, APIMessage>;
  waiters: Waiters;
  notify: () => void;
}

export class InteractionRecord implements InteractionHandle {
  readonly callbacks: CallbackRecord[] = [];
  readonly edits: EditRecord[] = [];
  readonly followups: FollowupRecord[] = [];
  acknowledged = false;
  /** Set by expireToken: the token is refused as if its 15 minutes had passed. */
  tokenExpired = false;
  originalId: string | null = null;
  modal: Json | null = null;

  constructor(
    readonly id: string,
    readonly token: string,
    readonly payload: Json,
    readonly dispatchedAt: number,
    private readonly world: InteractionWorld,
  ) {}

  get original(): APIMessage | null {
    return this.originalId === null ? null : (this.world.messages.get(this.originalId) ?? null);
  }

  get user(): APIUser {
    const member = this.payload.member as { user: APIUser } | undefined;
    return member?.user ?? (this.payload.user as APIUser);
  }

  /** The message a component (or component-triggered modal) interaction came from. */
  get sourceMessage(): APIMessage | null {
    const message = this.payload.message as APIMessage | undefined;
    if (!message) return null;
    return this.world.messages.get(message.id) ?? message;
  }

  waitForCallback(timeoutMs = DEFAULT_WAIT_MS): Promise<CallbackRecord> {
    return this.world.waiters.waitUntil(
      () => this.callbacks.find((c) => c.status < 300),
      timeoutMs,
      `a callback to interaction ${this.id}`,
    );
  }

  waitForEdit(
    predicate: (edit: EditRecord) => boolean = () => true,
    timeoutMs = DEFAULT_WAIT_MS,
  ): Promise<EditRecord> {
    return this.world.waiters.waitUntil(
      () => this.edits.find((e) => e.status < 300 && e.messageId === '@original' && predicate(e)),
      timeoutMs,
      `an edit of @original of interaction ${this.id}`,
    );
  }

  waitForFollowup(
    predicate: (f: FollowupRecord) => boolean = () => true,
    timeoutMs = DEFAULT_WAIT_MS,
  ): Promise<FollowupRecord> {
    return this.world.waiters.waitUntil(
      () => this.followups.find((f) => f.status < 300 && predicate(f)),
      timeoutMs,
      `a follow-up of interaction ${this.id}`,
    );
  }
}

export interface Body {
  json: unknown;
  files: string[];
}

export interface Reply {
  status: number;
  json?: unknown;
}

export class InteractionManager {
  private readonly byId = new Map<string, InteractionRecord>();
  private readonly byToken = new Map<string, InteractionRecord>();

  constructor(private readonly world: InteractionWorld) {}

  register(payload: Json, dispatchedAt: number): InteractionRecord {
    const id = String(payload.id);
    const existing = this.byId.get(id);
    if (existing) return existing;
    const record = new InteractionRecord(id, String(payload.token), payload, dispatchedAt, this.world);
    this.byId.set(id, record);
    this.byToken.set(record.token, record);
    return record;
  }

  get(id: string): InteractionRecord | undefined {
    return this.byId.get(id);
  }

  /** Drops an interaction: its record, its token and the messages its responses created. */
  forget(id: string): void {
    const record = this.byId.get(id);
    if (!record) return;
    this.byId.delete(id);
    this.byToken.delete(record.token);
    if (record.originalId !== null) this.world.messages.delete(record.originalId);
    for (const followup of record.followups)
      if (followup.message) this.world.messages.delete(followup.message.id);
  }

  /** POST /interactions/{id}/{token}/callback */
  callback(id: string, token: string, body: Body, withResponse: boolean): Reply {
    const at = performance.now();
    const json = (typeof body.json === 'object' && body.json !== null ? body.json : {}) as Json;
    const type = typeof json.type === 'number' ? json.type : -1;
    const record = this.byId.get(id);
    const entry: CallbackRecord = { type, data: json.data, at, status: 0 };
    return this.recorded(entry, () => {
      if (record?.token !== token) throw Errors.unknownInteraction();
      record.callbacks.push(entry);
      if (record.acknowledged) throw Errors.alreadyAcknowledged();
      if (at - record.dispatchedAt > this.world.firstResponseDeadlineMs) throw Errors.unknownInteraction();
      const reply = this.applyCallback(record, type, json.data, body.files, withResponse);
      return reply;
    });
  }

  private applyCallback(
    record: InteractionRecord,
    type: number,
    data: unknown,
    files: string[],
    withResponse: boolean,
  ): Reply {
    const interactionType = record.payload.type as number;
    const allowed = ALLOWED_CALLBACKS[interactionType] ?? [];
    const needsMessage = type === CallbackType.DeferredUpdateMessage || type === CallbackType.UpdateMessage;
    if (!allowed.includes(type) || (needsMessage && !record.sourceMessage)) {
      const e = new FormErrors();
      e.add(['type'], 'INTERACTION_RESPONSE_TYPE_INVALID', 'Invalid interaction response type');
      e.throwIfAny();
    }
    const d = (typeof data === 'object' && data !== null ? data : {}) as Json;
    const ctx = {
      channelId: String(record.payload.channel_id),
      bot: this.world.bot,
      applicationId: this.world.applicationId,
      interaction: { id: record.id, type: interactionType, user: record.user },
      messageType: interactionType === 2 ? 20 : 19,
    };
    let message: APIMessage | null = null;
    switch (type) {
      case CallbackType.ChannelMessageWithSource:
        validateMessage(data, { mode: 'create', prefix: ['data'], hasFiles: files.length > 0 });
        message = messageObject(d, ctx, files);
        break;
      case CallbackType.DeferredChannelMessageWithSource: {
        validateMessage(data, { mode: 'edit', prefix: ['data'] });
        const flags = typeof d.flags === 'number' ? d.flags : 0;
        message = messageObject({ flags: MessageFlags.Loading | (flags & MessageFlags.Ephemeral) }, ctx);
        break;
      }
      case CallbackType.DeferredUpdateMessage:
        message = record.sourceMessage;
        break;
      case CallbackType.UpdateMessage: {
        validateMessage(data, { mode: 'edit', prefix: ['data'] });
        const source = record.sourceMessage;
        if (source) message = applyEdit(source, d, files);
        break;
      }
      case CallbackType.Modal:
        validateModal(data, ['data']);
        record.modal = assignComponentIds(d);
        break;
      default:
        break;
    }
    record.acknowledged = true;
    if (message) {
      this.world.messages.set(message.id, message);
      record.originalId = message.id;
    }
    if (!withResponse) return { status: 204 };
    return {
      status: 200,
      json: {
        interaction: {
          id: record.id,
          type: interactionType,
          response_message_id: message?.id,
          response_message_loading: type === CallbackType.DeferredChannelMessageWithSource,
          response_message_ephemeral: ((message?.flags ?? 0) & MessageFlags.Ephemeral) !== 0,
        },
        resource: { type, ...(message && type !== CallbackType.DeferredUpdateMessage ? { message } : {}) },
      },
    };
  }

  /** Resolves the interaction behind a webhook token, enforcing Discord's token rules. */
  private webhook(applicationId: string, token: string): InteractionRecord {
    const record = this.byToken.get(token);
    if (!record || applicationId !== this.world.applicationId) throw Errors.unknownWebhook();
    if (record.tokenExpired || performance.now() - record.dispatchedAt > this.world.interactionTokenTtlMs)
      throw Errors.invalidWebhookToken();
    if (!record.acknowledged) throw Errors.unknownWebhook();
    return record;
  }

  private resolveMessageId(record: InteractionRecord, messageId: string): string {
    const id = messageId === '@original' ? record.originalId : messageId;
    if (id === null) throw Errors.unknownMessage();
    const known =
      (id === record.originalId || record.followups.some((f) => f.message?.id === id)) &&
      this.world.messages.has(id);
    if (!known) throw Errors.unknownMessage();
    return id;
  }

  getMessage(applicationId: string, token: string, messageId: string): Reply {
    const record = this.webhook(applicationId, token);
    const id = this.resolveMessageId(record, messageId);
    return { status: 200, json: this.world.messages.get(id) };
  }

  editMessage(applicationId: string, token: string, messageId: string, body: Body): Reply {
    const entry: EditRecord = { messageId, body: body.json, at: performance.now(), status: 0 };
    const record = this.byToken.get(token);
    record?.edits.push(entry);
    return this.recorded(entry, () => {
      const rec = this.webhook(applicationId, token);
      const id = this.resolveMessageId(rec, messageId);
      validateMessage(body.json, { mode: 'edit' });
      const current = this.world.messages.get(id);
      if (!current) throw Errors.unknownMessage();
      const next = applyEdit(current, (body.json ?? {}) as Json, body.files);
      this.world.messages.set(id, next);
      return { status: 200, json: next };
    });
  }

  deleteMessage(applicationId: string, token: string, messageId: string): Reply {
    const record = this.webhook(applicationId, token);
    const id = this.resolveMessageId(record, messageId);
    this.world.messages.delete(id);
    this.world.notify();
    return { status: 204 };
  }

  createFollowup(applicationId: string, token: string, body: Body, wait: boolean): Reply {
    const entry: FollowupRecord = { body: body.json, at: performance.now(), status: 0, message: null };
    const record = this.byToken.get(token);
    record?.followups.push(entry);
    return this.recorded(entry, () => {
      const rec = this.webhook(applicationId, token);
      validateMessage(body.json, { mode: 'create', hasFiles: body.files.length > 0 });
      const json = (body.json ?? {}) as Json;
      const original = rec.original;
      let message: APIMessage;
      if (original && ((original.flags ?? 0) & MessageFlags.Loading) !== 0) {
        // Discord: the first follow-up after a deferred response replaces the "is thinking…" message.
        message = applyEdit(original, json, body.files);
      } else {
        message = messageObject(
          json,
          {
            channelId: String(rec.payload.channel_id),
            bot: this.world.bot,
            applicationId: this.world.applicationId,
            interaction: { id: rec.id, type: rec.payload.type as number, user: rec.user },
            messageType: 0,
          },
          body.files,
        );
      }
      this.world.messages.set(message.id, message);
      entry.message = message;
      return wait ? { status: 200, json: message } : { status: 204 };
    });
  }

  /** Runs one request, records its status (or Discord's error code) on `entry`, and wakes the waiters. */
  private recorded(entry: { status: number; errorCode?: number }, handle: () => Reply): Reply {
    try {
      const reply = handle();
      entry.status = reply.status;
      return reply;
    } catch (error) {
      if (error instanceof ApiError) {
        entry.status = error.status;
        entry.errorCode = error.code;
      }
      throw error;
    } finally {
      this.world.notify();
    }
  }
}

/** Discord assigns sequential numeric `id`s to modal components that lack one (depth first). */
function assignComponentIds(modal: Json): Json {
  let next = 1;
  const visit = (c: unknown): unknown => {
    if (typeof c !== 'object' || c === null) return c;
    const comp = { ...(c as Json) };
    comp.id ??= next;
    next = Math.max(next, Number(comp.id)) + 1;
    if (Array.isArray(comp.components)) comp.components = comp.components.map(visit);
    if (comp.component !== undefined) comp.component = visit(comp.component);
    return comp;
  };
  return { ...modal, components: Array.isArray(modal.components) ? modal.components.map(visit) : [] };
}
