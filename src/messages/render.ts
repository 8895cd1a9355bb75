import {
  ButtonStyle,
  ComponentType,
  TextInputStyle,
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  type APIModalInteractionResponseCallbackData,
} from 'discord-api-types/v10';
import {
  ExpiredInteractionError,
  RefusalError,
  UpstreamError,
  UserInputError,
  type FieldProblem,
} from '../errors.js';
import type { Invoice, OrderType, PaymentMethod } from '../leuwong/schema.js';
import type { RecordedError } from '../orders/records.js';
import type { Messages } from './index.js';

/** Everything a reply can carry; discord.js accepts these JSON shapes as they are. */
export interface ReplyPayload {
  content?: string;
  embeds?: APIEmbed[];
  components?: APIActionRowComponent<APIButtonComponent>[];
}

const COLOR = { ok: 0x2ecc71, sandbox: 0xf1c40f, error: 0xe74c3c, pending: 0x3498db } as const;

/** The store's invoice, with what the bot knows of the order itself. */
export interface InvoiceView extends Omit<Invoice, 'orderType' | 'robloxUsername'> {
  environment: 'sandbox' | 'production' | undefined;
  idempotent: boolean;
  orderType: OrderType;
  robloxUsername: string;
  payment: PaymentMethod;
}

/** The invoice link is shown only when it points at the store itself (same scheme and host as the API). */
export function isTrustedInvoiceUrl(url: string, apiUrl: string): boolean {
  try {
    const invoice = new URL(url);
    const api = new URL(apiUrl);
    return invoice.protocol === api.protocol && invoice.host === api.host;
  } catch {
    return false;
  }
}

/**
 * A catalogue lookup by a value the store sent (payment status, payment method): own keys only,
 * so `constructor` or `toString` is shown as text instead of resolving to Object.prototype.
 */
function lookup(table: Readonly<Record<string, string>>, key: string): string | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/** Discord refuses a whole message whose link button has a longer URL. */
const LINK_BUTTON_URL_MAX = 512;

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * An embed field's value from what the store sent: Discord refuses the whole message when a field
 * value is empty or only whitespace (it trims), or longer than 1,024 characters.
 */
function fieldValue(text: string): string {
  const trimmed = text.trim();
  return trimmed === '' ? '-' : truncate(trimmed, 1024);
}

export function renderInvoice(view: InvoiceView, m: Messages, trustedUrl: boolean): ReplyPayload {
  const amount =
    view.formattedAmount ??
    (view.amount === undefined ? '-' : `${view.currency ?? ''} ${view.amount}`.trim());
  const status =
    view.paymentStatus === undefined
      ? '-'
      : (lookup(m.invoice.status, view.paymentStatus) ?? view.paymentStatus);
  const methodKey = view.paymentMethod ?? (view.payment === 'balance' ? 'balance' : 'none');
  const method = lookup(m.invoice.method, methodKey === '' ? 'none' : methodKey) ?? methodKey;
  const link = trustedUrl && view.url.length <= LINK_BUTTON_URL_MAX;
  const sandbox = view.environment === 'sandbox' || view.code.startsWith('SBX-');
  const description = view.idempotent
    ? m.invoice.existing
    : view.payment === 'balance'
      ? m.invoice.createdBalance
      : m.invoice.created;
  const embed: APIEmbed = {
    title: truncate(m.invoice.title(view.code), 256),
    description: link ? description : `${description}\n${m.invoice.noLink}`,
    color: sandbox ? COLOR.sandbox : COLOR.ok,
    fields: [
      { name: m.invoice.amount, value: fieldValue(amount), inline: true },
      { name: m.invoice.paymentStatus, value: fieldValue(status), inline: true },
      { name: m.invoice.paymentMethod, value: fieldValue(method), inline: true },
      { name: m.invoice.orderType, value: m.orderType[view.orderType], inline: true },
      { name: m.invoice.username, value: fieldValue(view.robloxUsername), inline: true },
    ],
    ...(sandbox ? { footer: { text: `⚠️ ${m.invoice.sandbox}` } } : {}),
  };
  const components: APIActionRowComponent<APIButtonComponent>[] = link
    ? [
        {
          type: ComponentType.ActionRow,
          components: [
            {
              type: ComponentType.Button,
              style: ButtonStyle.Link,
              label: m.invoice.payButton,
              url: view.url,
            },
          ],
        },
      ]
    : [];
  return { content: '', embeds: [embed], components };
}

function button(label: string, customId: string, style: ButtonStyle.Primary | ButtonStyle.Secondary) {
  return {
    type: ComponentType.ActionRow as const,
    components: [{ type: ComponentType.Button as const, style, label, custom_id: customId }],
  };
}

/** Each bad field, named in the modal's words, with why. */
function inputProblemsText(problems: readonly FieldProblem[], m: Messages): string {
  const lines = problems.map((p) => `• **${m.input.field[p.field]}** ${m.input.reason[p.reason]}`);
  return truncate([m.input.heading, ...lines].join('\n'), 2000);
}

export function renderInputProblems(
  problems: readonly FieldProblem[],
  m: Messages,
  fixCustomId: string,
): ReplyPayload {
  return {
    content: inputProblemsText(problems, m),
    embeds: [],
    components: [button(m.input.fixButton, fixCustomId, ButtonStyle.Primary)],
  };
}

/** Whose token a call used: the operator's (LEUWONG_API_TOKEN) or the member's own (/link). */
export type TokenAccount = 'operator' | 'member';

export interface UpstreamContext {
  /** Default: the operator's. */
  account?: TokenAccount | undefined;
  /** True when members can /link their own account (only changes what an operator-token refusal suggests). */
  linking?: boolean | undefined;
}

/** Store refusals, by the kind the client gave them, and by whose token the call used. */
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

/** The store's field names, in the words of the modal. */
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
 * The one place an error becomes what a user reads. Anything that is not one of the bot's
 * own errors shows only a reference (the interaction ID), never a stack or upstream text.
 */
export function renderError(error: unknown, m: Messages, ref: string, nowMs: number): ReplyPayload {
  if (error instanceof UpstreamError) {
    return textReply(renderUpstream(error, m, ref));
  }
  if (error instanceof RefusalError) return textReply(renderRefusal(error, m, nowMs));
  if (error instanceof ExpiredInteractionError) return textReply(m.errors.expired);
  if (error instanceof UserInputError) return textReply(inputProblemsText(error.problems, m));
  return textReply(m.errors.internal(ref));
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
  return {
    content: `${reason}\n${m.errors.unknownOutcomeRecovering}`,
    embeds: [],
    components: [button(m.errors.retryButton, retryCustomId, ButtonStyle.Primary)],
  };
}

/** A refusal that leaves the order open: the text, and the Retry button kept for later. */
export function renderWithRetry(content: string, m: Messages, retryCustomId: string): ReplyPayload {
  return {
    content,
    embeds: [],
    components: [button(m.errors.retryButton, retryCustomId, ButtonStyle.Primary)],
  };
}

export function renderRejected(
  error: RecordedError,
  m: Messages,
  ref: string,
  fixCustomId: string,
  context: UpstreamContext = {},
): ReplyPayload {
  const fixable = error.kind !== 'unauthorized' && error.kind !== 'forbidden' && error.kind !== 'other';
  return {
    content: renderUpstream(error, m, ref, context),
    embeds: [],
    components: fixable ? [button(m.input.fixButton, fixCustomId, ButtonStyle.Secondary)] : [],
  };
}

export interface Draft {
  username: string;
  place: string;
  gamepass: string;
}

export const MODAL_FIELDS = {
  username: 'username',
  place: 'place',
  gamepass: 'gamepass',
  orderType: 'order_type',
} as const;

/** The order modal: Label components, help text in the user's language, a draft pre-filled. */
export function buildOrderModal(options: {
  m: Messages;
  customId: string;
  payment: PaymentMethod;
  /** undefined: ask for the order type inside the modal. */
  orderType: OrderType | undefined;
  draft: (Draft & { orderType?: OrderType }) | undefined;
}): APIModalInteractionResponseCallbackData {
  const { m, draft } = options;
  const text = (
    id: string,
    label: string,
    description: string,
    max: number,
    value: string | undefined,
    placeholder: string,
  ) => ({
    type: ComponentType.Label as const,
    label,
    description,
    component: {
      type: ComponentType.TextInput as const,
      custom_id: id,
      style: TextInputStyle.Short,
      required: true,
      min_length: 1,
      max_length: max,
      placeholder,
      ...(value === undefined || value === '' ? {} : { value: value.slice(0, max) }),
    },
  });
  const components: APIModalInteractionResponseCallbackData['components'] = [
    text(MODAL_FIELDS.username, m.modal.username, m.modal.usernameHelp, 32, draft?.username, 'LeuwongUser'),
    text(MODAL_FIELDS.place, m.modal.place, m.modal.placeHelp, 300, draft?.place, '123456789'),
    text(MODAL_FIELDS.gamepass, m.modal.gamepass, m.modal.gamepassHelp, 300, draft?.gamepass, '987654321'),
  ];
  if (options.orderType === undefined) {
    const selected = draft?.orderType ?? 'gamepass';
    components.push({
      type: ComponentType.Label,
      label: m.modal.orderType,
      description: m.modal.orderTypeHelp,
      component: {
        type: ComponentType.StringSelect,
        custom_id: MODAL_FIELDS.orderType,
        required: true,
        min_values: 1,
        max_values: 1,
        options: (['gamepass', 'vip_server'] as const).map((value) => ({
          label: m.orderType[value],
          value,
          default: value === selected,
        })),
      },
    });
  }
  return {
    custom_id: options.customId,
    title: options.payment === 'balance' ? m.modal.titleBalance : m.modal.titleInvoice,
    components,
  };
}

export const LINK_FIELD = 'token';

/** `/link`'s modal: where to find the token, then one text input for it. */
export function buildLinkModal(options: {
  m: Messages;
  customId: string;
  minLength: number;
  maxLength: number;
}): APIModalInteractionResponseCallbackData {
  const { m } = options;
  return {
    custom_id: options.customId,
    title: m.link.modalTitle,
    components: [
      { type: ComponentType.TextDisplay, content: m.link.intro },
      {
        type: ComponentType.Label,
        label: m.link.tokenLabel,
        description: m.link.tokenHelp,
        component: {
          type: ComponentType.TextInput,
          custom_id: LINK_FIELD,
          style: TextInputStyle.Short,
          required: true,
          min_length: options.minLength,
          max_length: options.maxLength,
          placeholder: 'lrrs_v1_…',
        },
      },
    ],
  };
}

/** What the bot shows of a link: never the token, at most its well-known prefix. */
export interface LinkView {
  environment: 'sandbox' | 'production' | undefined;
  accountStatus: string | undefined;
  prefix: string | undefined;
  /** Epoch ms; shown by /account. */
  linkedAt?: number;
  /** The formatted balance; null when it could not be read; absent when not asked. */
  balance?: string | null;
}

function linkLines(view: LinkView, m: Messages): string[] {
  const status =
    view.accountStatus === undefined
      ? '-'
      : (lookup(m.link.status, view.accountStatus) ??
        (truncate(view.accountStatus.replace(/[^\w -]/g, ''), 40) || '-'));
  const lines = [
    `• **${m.link.environment}:** ${m.link.envName[view.environment ?? 'unknown']}`,
    `• **${m.link.accountStatus}:** ${status}`,
    `• **${m.link.token}:** ${view.prefix === undefined ? '…' : `\`${view.prefix}…\``}`,
  ];
  if (view.linkedAt !== undefined && view.linkedAt > 0) {
    lines.push(`• **${m.link.linkedSince}:** <t:${Math.floor(view.linkedAt / 1000)}:R>`);
  }
  if (view.balance !== undefined) {
    lines.push(
      `• **${m.link.balance}:** ${view.balance === null ? m.link.balanceUnavailable : truncate(view.balance, 64)}`,
    );
  }
  if (view.environment === 'sandbox') lines.push(m.link.sandboxNote);
  return lines;
}

/** The private answer to a successful `/link`. */
export function renderLinked(view: LinkView, m: Messages): ReplyPayload {
  return {
    content: [m.link.linked, ...linkLines(view, m), m.link.unlinkHint].join('\n'),
    embeds: [],
    components: [],
  };
}

/** `/account` for a linked member. */
export function renderAccount(view: LinkView, m: Messages): ReplyPayload {
  return {
    content: [m.link.accountLinked, ...linkLines(view, m), m.link.unlinkHint].join('\n'),
    embeds: [],
    components: [],
  };
}

/** A short text answer (link refusals, unlink, not linked). */
export function textReply(content: string): ReplyPayload {
  return { content, embeds: [], components: [] };
}
