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
import { replyWithButton, textReply, truncate, type ReplyPayload } from './reply.js';

/**
 * The one place an error becomes what a user reads. Anything that is not one of the bot's own
 * errors shows only a reference (the interaction ID), never a stack or upstream text.
 */
export function renderError(error: unknown, m: Messages, ref: string, nowMs: number): ReplyPayload {
  if (error instanceof UpstreamError) return textReply(renderUpstream(error, m, ref));
  if (error instanceof RefusalError) return textReply(renderRefusal(error, m, nowMs));
  if (error instanceof ExpiredInteractionError) return textReply(m.errors.expired);
  if (error instanceof UserInputError) return textReply(inputProblemsText(error.problems, m));
  return textReply(m.errors.internal(ref));
}

/** Each bad field, named in the form's words, with why, and a button to edit the form again. */
export function renderInputProblems(
  problems: readonly FieldProblem[],
  m: Messages,
  fixCustomId: string,
): ReplyPayload {
  return replyWithButton(inputProblemsText(problems, m), m.input.fixButton, fixCustomId);
}

function inputProblemsText(problems: readonly FieldProblem[], m: Messages): string {
  const lines = problems.map((p) => `• **${m.input.field[p.field]}** ${m.input.reason[p.reason]}`);
  return truncate([m.input.heading, ...lines].join('\n'), 2000);
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
  m: Messages,
  ref: string,
  context: UpstreamContext = {},
): string {
  const member = context.account === 'member';
  switch (error.kind) {
    case 'link_required':
      if (member) return m.errors.memberLinkRequired;
      return context.linking === true ? m.errors.linkRequiredTryLink : m.errors.linkRequired;
    case 'insufficient_balance':
      return m.errors.insufficientBalance;
    case 'roblox_validation':
      return m.errors.robloxValidation;
    case 'validation': {
      if (error.code === 'SANDBOX_INVOICE_ONLY') return m.errors.sandboxInvoiceOnly;
      const names = error.fields.map((field) => fieldLabel(field, m));
      return names.length > 0 ? m.errors.validationFields(names.join(', ')) : m.errors.validation;
    }
    case 'unauthorized':
      return member ? m.errors.memberTokenRefused : m.errors.misconfigured(ref);
    case 'forbidden':
      return member ? m.errors.memberForbidden : m.errors.misconfigured(ref);
    case 'other':
      return m.errors.misconfigured(ref);
    case 'rate_limited':
      return m.errors.rateLimited(error.retryAfterSeconds ?? 5);
    case 'unavailable':
    case 'conflict':
    case 'bad_response':
      return m.errors.unknownOutcome;
  }
}

/** The store's field names, in the words of the form. */
function fieldLabel(field: string, m: Messages): string {
  switch (field) {
    case 'roblox_username':
      return m.input.field.username;
    case 'place_id':
      return m.input.field.place;
    case 'roblox_pass_id':
    case 'gamepass_id':
      return m.input.field.gamepass;
    case 'order_type':
      return m.input.field.orderType;
    default:
      return truncate(field.replace(/[^\w.-]/g, ''), 40) || '?';
  }
}

/** The bot's own refusals. */
export function renderRefusal(error: RefusalError, m: Messages, nowMs: number): string {
  const r = error.refusal;
  switch (r.kind) {
    case 'in_progress':
      return m.errors.inProgress;
    case 'cooldown':
      return m.errors.cooldown(`<t:${Math.ceil(nowMs / 1000) + r.retryAfterSeconds}:R>`);
    case 'budget':
      return m.errors.budget(r.retryAfterSeconds);
    case 'not_here':
      return m.errors.notHere;
    case 'missing_role':
      return m.errors.missingRole;
    case 'not_yours':
      return m.errors.notYours;
    case 'storage_unavailable':
      return m.errors.storageUnavailable;
    case 'shutting_down':
      return m.errors.shuttingDown;
    case 'linking_disabled':
      return m.errors.linkingDisabled;
    case 'link_required_personal':
      return m.errors.linkRequiredPersonal;
    case 'relink_required':
      return m.errors.relinkRequired;
    case 'token_changed':
      return m.errors.tokenChanged;
  }
}

/**
 * No definite answer yet: a Retry button (same key, same body). When the store was only busy
 * (429), the user hears how long to wait; otherwise that the outcome is not known yet.
 */
export function renderUnknown(m: Messages, retryCustomId: string, error?: RecordedError): ReplyPayload {
  const reason =
    error?.kind === 'rate_limited'
      ? m.errors.rateLimited(error.retryAfterSeconds ?? 5)
      : m.errors.unknownOutcome;
  return replyWithButton(
    `${reason}\n${m.errors.unknownOutcomeRecovering}`,
    m.errors.retryButton,
    retryCustomId,
  );
}

/** A refusal that leaves the order open: the text, and the Retry button kept for later. */
export function renderWithRetry(content: string, m: Messages, retryCustomId: string): ReplyPayload {
  return replyWithButton(content, m.errors.retryButton, retryCustomId);
}

/** The store refused the order: why, and an "Edit and resubmit" button when the user can fix it. */
export function renderRejected(
  error: RecordedError,
  m: Messages,
  ref: string,
  fixCustomId: string,
  context: UpstreamContext = {},
): ReplyPayload {
  const content = renderUpstream(error, m, ref, context);
  const fixable = error.kind !== 'unauthorized' && error.kind !== 'forbidden' && error.kind !== 'other';
  return fixable
    ? replyWithButton(content, m.input.fixButton, fixCustomId, ButtonStyle.Secondary)
    : textReply(content);
}
