import { Errors, FormErrors } from './errors.js';

/** Discord's documented limits (https://discord.com/developers/docs). */
export const Limits = {
  content: 2000,
  embeds: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  embedTotal: 6000,
  actionRows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  customId: 100,
  modalTitle: 45,
  modalComponents: 5,
  labelLabel: 45,
  labelDescription: 100,
  textInputLabel: 45,
  placeholder: 100,
  selectPlaceholder: 150,
  textLength: 4000,
  selectOptions: 25,
  optionText: 100,
} as const;

export const MessageFlags = {
  SuppressEmbeds: 1 << 2,
  Ephemeral: 1 << 6,
  Loading: 1 << 7,
  SuppressNotifications: 1 << 12,
  IsComponentsV2: 1 << 15,
} as const;

const CREATE_FLAGS =
  MessageFlags.Ephemeral |
  MessageFlags.SuppressEmbeds |
  MessageFlags.SuppressNotifications |
  MessageFlags.IsComponentsV2;
const EDIT_FLAGS = MessageFlags.Ephemeral | MessageFlags.SuppressEmbeds | MessageFlags.IsComponentsV2;

type Json = Record<string, unknown>;
type Path = (string | number)[];

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const len = (v: unknown): number => (typeof v === 'string' ? v.length : 0);

function checkArray(e: FormErrors, path: Path, value: unknown, min: number, max: number): unknown[] {
  if (value === undefined || value === null) {
    if (min > 0) e.add(path, 'BASE_TYPE_REQUIRED', 'This field is required');
    return [];
  }
  if (!Array.isArray(value)) {
    e.add(path, 'LIST_TYPE_CONVERT', 'Must be an array.');
    return [];
  }
  if (value.length < min) e.add(path, 'BASE_TYPE_MIN_LENGTH', `Must be ${min} or more in length.`);
  if (value.length > max) e.add(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
  return value;
}

function validateEmbeds(e: FormErrors, path: Path, embeds: unknown): void {
  let total = 0;
  checkArray(e, path, embeds, 0, Limits.embeds).forEach((embed, i) => {
    if (!isObj(embed)) return;
    const p = [...path, i];
    e.str([...p, 'title'], embed.title, Limits.embedTitle);
    e.str([...p, 'description'], embed.description, Limits.embedDescription);
    let size = len(embed.title) + len(embed.description);
    checkArray(e, [...p, 'fields'], embed.fields, 0, Limits.embedFields).forEach((field, j) => {
      if (!isObj(field)) return;
      e.str([...p, 'fields', j, 'name'], field.name, Limits.fieldName, { min: 1, required: true });
      e.str([...p, 'fields', j, 'value'], field.value, Limits.fieldValue, { min: 1, required: true });
      size += len(field.name) + len(field.value);
    });
    const footer = embed.footer;
    if (isObj(footer)) {
      e.str([...p, 'footer', 'text'], footer.text, Limits.footerText, { required: true });
      size += len(footer.text);
    }
    const author = embed.author;
    if (isObj(author)) {
      e.str([...p, 'author', 'name'], author.name, Limits.authorName, { required: true });
      size += len(author.name);
    }
    if (size > Limits.embedTotal) {
      e.add(p, 'MAX_EMBED_SIZE_EXCEEDED', `Embed size exceeds maximum size of ${Limits.embedTotal}`);
    }
    total += size;
  });
  if (total > Limits.embedTotal) {
    e.add(path, 'MAX_EMBED_SIZE_EXCEEDED', `Embed size exceeds maximum size of ${Limits.embedTotal}`);
  }
}

function validateSelectOptions(e: FormErrors, path: Path, options: unknown): void {
  checkArray(e, path, options, 1, Limits.selectOptions).forEach((opt, i) => {
    if (!isObj(opt)) return;
    e.str([...path, i, 'label'], opt.label, Limits.optionText, { min: 1, required: true });
    e.str([...path, i, 'value'], opt.value, Limits.optionText, { min: 1, required: true });
    e.str([...path, i, 'description'], opt.description, Limits.optionText);
  });
}

function validateSelect(e: FormErrors, path: Path, c: Json): void {
  e.str([...path, 'custom_id'], c.custom_id, Limits.customId, { min: 1, required: true });
  e.str([...path, 'placeholder'], c.placeholder, Limits.selectPlaceholder);
  e.int([...path, 'min_values'], c.min_values, 0, 25);
  e.int([...path, 'max_values'], c.max_values, 1, 25);
  if (c.type === 3) validateSelectOptions(e, [...path, 'options'], c.options);
}

function validateButton(e: FormErrors, path: Path, c: Json): void {
  const style = c.style;
  e.int([...path, 'style'], style, 1, 6);
  e.str([...path, 'label'], c.label, Limits.buttonLabel);
  if (style === 5) {
    if (typeof c.url !== 'string' || c.url.length === 0) {
      e.add([...path, 'url'], 'BUTTON_COMPONENT_URL_REQUIRED', 'A url is required');
    }
    if (c.custom_id !== undefined) {
      e.add([...path, 'custom_id'], 'BUTTON_COMPONENT_CUSTOM_ID_NOT_ALLOWED', 'A custom id is not allowed');
    }
  } else if (style === 6) {
    if (typeof c.sku_id !== 'string')
      e.add([...path, 'sku_id'], 'BASE_TYPE_REQUIRED', 'This field is required');
  } else {
    if (c.url !== undefined)
      e.add([...path, 'url'], 'BUTTON_COMPONENT_URL_NOT_ALLOWED', 'A url is not allowed');
    e.str([...path, 'custom_id'], c.custom_id, Limits.customId, { min: 1, required: true });
  }
}

function validateMessageComponents(e: FormErrors, path: Path, components: unknown, v2: boolean): void {
  if (v2) {
    // Components V2: structural validation kept minimal (up to 40 components in total).
    checkArray(e, path, components, 0, 40);
    return;
  }
  checkArray(e, path, components, 0, Limits.actionRows).forEach((row, i) => {
    if (!isObj(row)) return;
    const p = [...path, i];
    if (row.type !== 1) {
      e.add([...p, 'type'], 'UNION_TYPE_CHOICES', 'Value of field "type" must be one of (1,).');
      return;
    }
    const children = checkArray(e, [...p, 'components'], row.components, 1, Limits.buttonsPerRow);
    const hasSelect = children.some((c) => isObj(c) && c.type !== 2);
    if (hasSelect && children.length > 1) {
      e.add(
        [...p, 'components'],
        'COMPONENT_LAYOUT_WIDTH_EXCEEDED',
        'The specified component exceeds the maximum width',
      );
    }
    children.forEach((child, j) => {
      if (!isObj(child)) return;
      const cp = [...p, 'components', j];
      if (child.type === 2) validateButton(e, cp, child);
      else if ([3, 5, 6, 7, 8].includes(child.type as number)) validateSelect(e, cp, child);
      else e.add([...cp, 'type'], 'COMPONENT_TYPE_INVALID', 'Invalid component type for an action row');
    });
  });
}

/**
 * Validates a message body (interaction response data, webhook/follow-up body, channel message).
 * `mode: 'create'` additionally rejects empty messages and restricts flags to those settable on create.
 */
export function validateMessage(
  body: unknown,
  opts: { mode: 'create' | 'edit'; prefix?: Path; hasFiles?: boolean },
): void {
  const e = new FormErrors();
  const prefix = opts.prefix ?? [];
  if (!isObj(body)) {
    if (opts.mode === 'create') throw Errors.emptyMessage();
    return;
  }
  const flags = typeof body.flags === 'number' ? body.flags : 0;
  const allowed = opts.mode === 'create' ? CREATE_FLAGS : EDIT_FLAGS;
  if ((flags & ~allowed) !== 0) {
    e.add([...prefix, 'flags'], 'MESSAGE_FLAGS_INVALID', 'Invalid flags');
  }
  const v2 = (flags & MessageFlags.IsComponentsV2) !== 0;
  if (v2 && (len(body.content) > 0 || arr(body.embeds).length > 0)) {
    e.add(
      [...prefix, 'content'],
      'MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2',
      "The 'content' and 'embeds' fields cannot be used when using MessageFlags.IS_COMPONENTS_V2",
    );
  }
  e.str([...prefix, 'content'], body.content, Limits.content);
  validateEmbeds(e, [...prefix, 'embeds'], body.embeds);
  validateMessageComponents(e, [...prefix, 'components'], body.components, v2);
  e.throwIfAny();
  if (opts.mode === 'create') {
    const empty =
      len(body.content) === 0 &&
      arr(body.embeds).length === 0 &&
      arr(body.components).length === 0 &&
      arr(body.sticker_ids).length === 0 &&
      body.poll === undefined &&
      !opts.hasFiles;
    if (empty) throw Errors.emptyMessage();
  }
}

function validateTextInput(e: FormErrors, path: Path, c: Json, legacy: boolean): void {
  e.str([...path, 'custom_id'], c.custom_id, Limits.customId, { min: 1, required: true });
  if (c.style !== 1 && c.style !== 2) {
    e.add([...path, 'style'], 'BASE_TYPE_CHOICES', 'Value must be one of {1, 2}.');
  }
  e.str([...path, 'label'], c.label, Limits.textInputLabel, { min: 1, required: legacy });
  e.str([...path, 'placeholder'], c.placeholder, Limits.placeholder);
  e.int([...path, 'min_length'], c.min_length, 0, Limits.textLength);
  e.int([...path, 'max_length'], c.max_length, 1, Limits.textLength);
  e.str([...path, 'value'], c.value, Limits.textLength);
}

/** Validates the `data` of a MODAL (type 9) interaction callback. */
export function validateModal(data: unknown, prefix: Path = ['data']): void {
  const e = new FormErrors();
  if (!isObj(data)) {
    e.add(prefix, 'BASE_TYPE_REQUIRED', 'This field is required');
    e.throwIfAny();
    return;
  }
  e.str([...prefix, 'custom_id'], data.custom_id, Limits.customId, { min: 1, required: true });
  e.str([...prefix, 'title'], data.title, Limits.modalTitle, { min: 1, required: true });
  checkArray(e, [...prefix, 'components'], data.components, 1, Limits.modalComponents).forEach((c, i) => {
    if (!isObj(c)) return;
    const p = [...prefix, 'components', i];
    switch (c.type) {
      case 18: {
        e.str([...p, 'label'], c.label, Limits.labelLabel, { min: 1, required: true });
        e.str([...p, 'description'], c.description, Limits.labelDescription);
        const inner = c.component;
        if (!isObj(inner)) {
          e.add([...p, 'component'], 'BASE_TYPE_REQUIRED', 'This field is required');
        } else if (inner.type === 4) {
          validateTextInput(e, [...p, 'component'], inner, false);
        } else if ([3, 5, 6, 7, 8].includes(inner.type as number)) {
          validateSelect(e, [...p, 'component'], inner);
        } else if (inner.type !== 19 && inner.type !== 21 && inner.type !== 22 && inner.type !== 23) {
          e.add([...p, 'component', 'type'], 'COMPONENT_TYPE_INVALID', 'Invalid component type for a label');
        }
        break;
      }
      case 1: {
        const children = checkArray(e, [...p, 'components'], c.components, 1, 1);
        children.forEach((child, j) => {
          if (isObj(child) && child.type === 4) validateTextInput(e, [...p, 'components', j], child, true);
          else
            e.add([...p, 'components', j, 'type'], 'COMPONENT_TYPE_INVALID', 'Only text inputs are allowed');
        });
        break;
      }
      case 10:
        e.str([...p, 'content'], c.content, Limits.textLength, { min: 1, required: true });
        break;
      default:
        e.add([...p, 'type'], 'COMPONENT_TYPE_INVALID', 'Invalid component type for a modal');
    }
  });
  e.throwIfAny();
}
