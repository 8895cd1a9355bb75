import type { ModalSubmitInteraction } from 'discord.js';
import {
  ComponentType,
  TextInputStyle,
  type APILabelComponent,
  type APIModalInteractionResponseCallbackData,
} from 'discord-api-types/v10';
import type { OrderType, PaymentMethod } from '../../src/leuwong/schema.js';
import type { Messages } from '../../src/messages/index.js';
import type { OrderForm } from './ids.js';

/** The custom_ids of the form's inputs. */
export const FORM_FIELDS = {
  username: 'username',
  place: 'place',
  gamepass: 'gamepass',
  orderType: 'order_type',
} as const;

/** What the user typed into the form, as typed. */
export interface Draft {
  username: string;
  place: string;
  gamepass: string;
  /** Chosen in the form, or fixed by the command; undefined when neither. */
  orderType?: OrderType | undefined;
}

/** The order form: Label components with help text in the user's language, pre-filled with a draft. */
export function buildOrderModal(options: {
  messages: Messages;
  customId: string;
  payment: PaymentMethod;
  /** undefined: the form asks for the order type. */
  orderType: OrderType | undefined;
  draft: Draft | undefined;
}): APIModalInteractionResponseCallbackData {
  const { messages, draft } = options;
  const components = [
    textInput(
      FORM_FIELDS.username,
      messages.modal.username,
      messages.modal.usernameHelp,
      32,
      draft?.username,
      'LeuwongUser',
    ),
    textInput(
      FORM_FIELDS.place,
      messages.modal.place,
      messages.modal.placeHelp,
      300,
      draft?.place,
      '123456789',
    ),
    textInput(
      FORM_FIELDS.gamepass,
      messages.modal.gamepass,
      messages.modal.gamepassHelp,
      300,
      draft?.gamepass,
      '987654321',
    ),
  ];
  if (options.orderType === undefined)
    components.push(orderTypeSelect(messages, draft?.orderType ?? 'gamepass'));
  return {
    custom_id: options.customId,
    title: options.payment === 'balance' ? messages.modal.titleBalance : messages.modal.titleInvoice,
    components,
  };
}

function textInput(
  id: string,
  label: string,
  description: string,
  max: number,
  value: string | undefined,
  placeholder: string,
): APILabelComponent {
  return {
    type: ComponentType.Label,
    label,
    description,
    component: {
      type: ComponentType.TextInput,
      custom_id: id,
      style: TextInputStyle.Short,
      required: true,
      min_length: 1,
      max_length: max,
      placeholder,
      ...(value === undefined || value === '' ? {} : { value: value.slice(0, max) }),
    },
  };
}

function orderTypeSelect(messages: Messages, selected: OrderType): APILabelComponent {
  return {
    type: ComponentType.Label,
    label: messages.modal.orderType,
    description: messages.modal.orderTypeHelp,
    component: {
      type: ComponentType.StringSelect,
      custom_id: FORM_FIELDS.orderType,
      required: true,
      min_values: 1,
      max_values: 1,
      options: (['gamepass', 'vip_server'] as const).map((value) => ({
        label: messages.orderType[value],
        value,
        default: value === selected,
      })),
    },
  };
}

/** What a submitted form holds; a missing input reads as empty, an unknown order type as undefined. */
export function readOrderForm(interaction: ModalSubmitInteraction, form: OrderForm): Draft {
  const text = (id: string) => {
    try {
      return interaction.fields.getTextInputValue(id);
    } catch {
      return '';
    }
  };
  return {
    username: text(FORM_FIELDS.username),
    place: text(FORM_FIELDS.place),
    gamepass: text(FORM_FIELDS.gamepass),
    orderType: form.type === 'ask' ? chosenOrderType(interaction) : form.type,
  };
}

function chosenOrderType(interaction: ModalSubmitInteraction): OrderType | undefined {
  try {
    const [value] = interaction.fields.getStringSelectValues(FORM_FIELDS.orderType);
    return value === 'gamepass' || value === 'vip_server' ? value : undefined;
  } catch {
    return undefined;
  }
}
