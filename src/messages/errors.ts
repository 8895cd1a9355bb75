import { ButtonStyle } from 'discord-api-types/v10';
import {
  ExpiredInteractionError,
  RefusalError,
  UpstreamError,
  UserInputError,
  type FieldProblem,
  type RecordedError,
} from '../errors.js';
import type { Messages } from './index.js';
import { plainText } from './plain.js';
import { relativeTimestamp, replyWithButton, textReply, truncate, type ReplyPayload } from './reply.js';

/**
 * The one place an error becomes what a user reads. Anything that is not one of the bot's own
 * errors shows only a reference (the interaction ID), never a stack or upstream text.
 */
export function renderError(error: unknown, messages: Messages, ref: string, nowMs: number): ReplyPayload {
  if (error instanceof UpstreamError) return textReply(renderUpstream(error, messages, ref));
  if (error instanceof RefusalError) return textReply(renderRefusal(error, messages, nowMs));
  if (error instanceof ExpiredInteractionError) return textReply(messages.errors.expired);
  if (error instanceof UserInputError) return textReply(inputProblemsText(error.problems, messages));
  return textReply(messages.errors.internal(ref));
}

/** Each bad field, named in the form's words, with why, and a button to edit the form again. */
export function renderInputProblems(
  problems: readonly FieldProblem[],
  messages: Messages,
  fixCustomId: string,
): ReplyPayload {
  return replyWithButton(inputProblemsText(problems, messages), messages.input.fixButton, fixCustomId);
}

/** A form too old to send, with a button that opens it again as a new order. */
export function renderStaleForm(messages: Messages, fixCustomId: string): ReplyPayload {
  return replyWithButton(messages.errors.formStale, messages.input.fixButton, fixCustomId);
}

function inputProblemsText(problems: readonly FieldProblem[], messages: Messages): string {
  const lines = problems.map(
    (p) => `• **${messages.input.field[p.field]}** ${messages.input.reason[p.reason]}`,
  );
  return truncate([messages.input.heading, ...lines].join('\n'), 2000);
}

/** Who an order's refusal concerns: the account its call used, and whether members can /link. */
export interface UpstreamContext {
  /** Default: the operator's (LEUWONG_API_TOKEN). */
  account?: 'operator' | 'member' | undefined;
  /** True when members can /link their own account (only changes what an operator-token refusal suggests). */
  linking?: boolean | undefined;
}

/** A store error, by the kind the client gave it and by whose token the call used. */
export function renderUpstream(
  error: RecordedError,
  messages: Messages,
  ref: string,
  context: UpstreamContext = {},
): string {
  const member = context.account === 'member';
  switch (error.kind) {
    case 'link_required':
      if (member) return messages.errors.memberLinkRequired;
      return context.linking === true ? messages.errors.linkRequiredTryLink : messages.errors.linkRequired;
    case 'insufficient_balance':
      return messages.errors.insufficientBalance;
    case 'roblox_validation':
      return messages.errors.robloxValidation;
    case 'validation': {
      if (error.code === 'SANDBOX_INVOICE_ONLY') return messages.errors.sandboxInvoiceOnly;
      const names = error.fields.map((field) => fieldLabel(field, messages));
      return names.length > 0
        ? messages.errors.validationFields(names.join(', '))
        : messages.errors.validation;
    }
    case 'unauthorized':
      return member ? messages.errors.memberTokenRefused : messages.errors.misconfigured(ref);
    case 'forbidden':
      return member ? messages.errors.memberForbidden : messages.errors.misconfigured(ref);
    case 'other':
      return messages.errors.misconfigured(ref);
    case 'rate_limited':
      return messages.errors.rateLimited(error.retryAfterSeconds ?? 5);
    case 'unavailable':
    case 'conflict':
    case 'bad_response':
      return messages.errors.unknownOutcome;
  }
}

/** The store's field names, in the words of the form. */
function fieldLabel(field: string, messages: Messages): string {
  switch (field) {
    case 'roblox_username':
      return messages.input.field.username;
    case 'place_id':
      return messages.input.field.place;
    case 'roblox_pass_id':
    case 'gamepass_id':
      return messages.input.field.gamepass;
    case 'order_type':
      return messages.input.field.orderType;
    default:
      return truncate(plainText(field.replace(/[^\w.-]/g, '')), 40) || '?';
  }
}

/** The bot's own refusals. */
export function renderRefusal(error: RefusalError, messages: Messages, nowMs: number): string {
  const r = error.refusal;
  switch (r.kind) {
    case 'in_progress':
      return messages.errors.inProgress;
    case 'cooldown':
      return messages.errors.cooldown(relativeTime(nowMs, r.retryAfterSeconds));
    case 'budget':
      return messages.errors.budget(r.retryAfterSeconds);
    case 'user_share':
      return messages.errors.userShare(r.perMinute, relativeTime(nowMs, r.retryAfterSeconds));
    case 'read_budget':
      return messages.errors.readBudget(r.retryAfterSeconds);
    case 'too_soon':
      return messages.errors.tooSoon(relativeTime(nowMs, r.retryAfterSeconds));
    case 'not_here':
      return messages.errors.notHere;
    case 'missing_role':
      return messages.errors.missingRole;
    case 'not_yours':
      return messages.errors.notYours;
    case 'form_stale':
      return messages.errors.formStale;
    case 'storage_unavailable':
      return messages.errors.storageUnavailable;
    case 'shutting_down':
      return messages.errors.shuttingDown;
    case 'linking_disabled':
      return messages.errors.linkingDisabled;
    case 'link_required_personal':
      return messages.errors.linkRequiredPersonal;
    case 'relink_required':
      return messages.errors.relinkRequired;
    case 'member_token_locked':
      return messages.errors.memberTokenLocked;
    case 'token_changed':
      return messages.errors.tokenChanged;
  }
}

/** A Discord timestamp `seconds` from now, which each user's client shows as "in 5 seconds". */
function relativeTime(nowMs: number, seconds: number): string {
  return relativeTimestamp(Math.ceil(nowMs / 1000) + seconds);
}

/**
 * No definite answer yet: a Retry button (same key, same body). When the store was only busy
 * (429), the user hears how long to wait; otherwise that the outcome is not known yet.
 */
export function renderUnknown(
  messages: Messages,
  retryCustomId: string,
  error?: RecordedError,
): ReplyPayload {
  const reason =
    error?.kind === 'rate_limited'
      ? messages.errors.rateLimited(error.retryAfterSeconds ?? 5)
      : messages.errors.unknownOutcome;
  return replyWithButton(
    `${reason}\n${messages.errors.unknownOutcomeRecovering}`,
    messages.errors.retryButton,
    retryCustomId,
  );
}

/** A refusal that leaves the order open: the text, and the Retry button kept for later. */
export function renderWithRetry(content: string, messages: Messages, retryCustomId: string): ReplyPayload {
  return replyWithButton(content, messages.errors.retryButton, retryCustomId);
}

/** The store refused the order: why, and an "Edit and resubmit" button when the user can fix it. */
export function renderRejected(
  error: RecordedError,
  messages: Messages,
  ref: string,
  fixCustomId: string,
  context: UpstreamContext = {},
): ReplyPayload {
  const content = renderUpstream(error, messages, ref, context);
  const fixable = error.kind !== 'unauthorized' && error.kind !== 'forbidden' && error.kind !== 'other';
  return fixable
    ? replyWithButton(content, messages.input.fixButton, fixCustomId, ButtonStyle.Secondary)
    : textReply(content);
}
