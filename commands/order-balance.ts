import { ApplicationCommandType } from 'discord-api-types/v10';
import { GUILDS_AND_DMS, getChoice, localized, type Command, type CommandData } from '../src/command.js';
import { data as orderData } from './order/data.js';
import { openOrderForm } from './order/open.js';

/**
 * `/order-balance`: the same order, paid with the LeuwongRR balance (`payment_method: balance`).
 * The store requires the Discord account to be linked to the web account that owns the token: a
 * member who linked their own token (/link) pays from their own balance; with
 * PERSONAL_TOKENS=required-for-balance an unlinked member is refused before the form opens. Its
 * form and buttons are `/order`'s.
 */
export const data = {
  type: ApplicationCommandType.ChatInput,
  ...localized('orderBalance'),
  ...GUILDS_AND_DMS,
  options: orderData.options,
} as const satisfies CommandData;

export const orderBalance: Command<typeof data> = {
  data,
  async execute(interaction, ctx) {
    await openOrderForm(interaction, ctx, 'balance', getChoice(interaction, data, 'type'));
  },
};
