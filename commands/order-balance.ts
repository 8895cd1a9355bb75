import {
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
} from 'discord-api-types/v10';
import { getChoice, type Command, type CommandData } from '../src/command.js';
import { en } from '../src/messages/en.js';
import { id } from '../src/messages/id.js';
import { openOrderModal } from '../src/orders/interactions.js';
import { data as orderData } from './order.js';

/**
 * `/order-balance`: the same order, paid with the LeuwongRR balance (`payment_method: balance`).
 * The store requires the Discord account to be linked to the web account that owns the token:
 * a member who linked their own token (/link) pays from their own balance; with
 * PERSONAL_TOKENS=required-for-balance an unlinked member is refused before the modal opens.
 */
export const data = {
  type: ApplicationCommandType.ChatInput,
  name: en.commands.orderBalance.name,
  name_localizations: { id: id.commands.orderBalance.name },
  description: en.commands.orderBalance.description,
  description_localizations: { id: id.commands.orderBalance.description },
  contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
  integration_types: [ApplicationIntegrationType.GuildInstall],
  options: orderData.options,
} as const satisfies CommandData;

export const orderBalance: Command<typeof data> = {
  data,
  async execute(interaction, ctx) {
    await openOrderModal(interaction, ctx, 'balance', getChoice(interaction, data, 'type'));
  },
};
