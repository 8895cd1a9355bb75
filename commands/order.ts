import { ButtonInteraction, ModalSubmitInteraction } from 'discord.js';
import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord-api-types/v10';
import {
  getChoice,
  route,
  type Command,
  type CommandData,
  GUILDS_AND_DMS,
  localized,
} from '../src/command.js';
import { ExpiredInteractionError } from '../src/errors.js';
import { en } from '../src/messages/en.js';
import { id } from '../src/messages/id.js';
import {
  openOrderModal,
  orderFixId,
  orderModalId,
  orderRetryId,
  reopenOrderModal,
  retryOrder,
  submitOrder,
} from '../src/orders/interactions.js';

/**
 * `/order`: pay by invoice. Usable in servers and in a DM with the bot: every reply is
 * private either way, and a customer may prefer to order in DM. A server that restricts
 * where orders happen (ALLOWED_* / REQUIRED_ROLE_ID) refuses DMs.
 */
export const data = {
  type: ApplicationCommandType.ChatInput,
  ...localized('order'),
  ...GUILDS_AND_DMS,
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: 'type',
      name_localizations: { id: 'jenis' },
      description: en.commands.order.typeOption,
      description_localizations: { id: id.commands.order.typeOption },
      required: false,
      choices: [
        { name: en.orderType.gamepass, name_localizations: { id: id.orderType.gamepass }, value: 'gamepass' },
        {
          name: en.orderType.vip_server,
          name_localizations: { id: id.orderType.vip_server },
          value: 'vip_server',
        },
      ],
    },
  ],
} as const satisfies CommandData;

/** The modal and buttons of an order, shared by `/order` and `/order-balance` (the payment is in the custom_id). */
export const orderComponents = [
  route(orderModalId, async (interaction, ctx, ids) => {
    if (!(interaction instanceof ModalSubmitInteraction))
      throw new ExpiredInteractionError('order id on a button');
    await submitOrder(interaction, ctx, ids);
  }),
  route(orderFixId, async (interaction, ctx, ids) => {
    if (!(interaction instanceof ButtonInteraction))
      throw new ExpiredInteractionError('order-fix id on a modal');
    await reopenOrderModal(interaction, ctx, ids);
  }),
  route(orderRetryId, async (interaction, ctx, ids) => {
    if (!(interaction instanceof ButtonInteraction))
      throw new ExpiredInteractionError('order-retry id on a modal');
    await retryOrder(interaction, ctx, ids);
  }),
] as const;

export const order: Command<typeof data> = {
  data,
  async execute(interaction, ctx) {
    await openOrderModal(interaction, ctx, 'invoice', getChoice(interaction, data, 'type'));
  },
  components: orderComponents,
};
