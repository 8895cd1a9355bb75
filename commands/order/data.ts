import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord-api-types/v10';
import { GUILDS_AND_DMS, localized, type CommandData } from '../../src/command.js';
import { english } from '../../src/messages/en.js';
import { indonesian } from '../../src/messages/id.js';

/**
 * `/order`: pay by invoice. Usable in servers and in a DM with the bot: every reply is private
 * either way. A server that restricts where orders happen (ALLOWED_* / REQUIRED_ROLE_ID) refuses
 * DMs. Its `type` option is optional: without it, the form asks.
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
      description: english.commands.order.typeOption,
      description_localizations: { id: indonesian.commands.order.typeOption },
      required: false,
      choices: [
        {
          name: english.orderType.gamepass,
          name_localizations: { id: indonesian.orderType.gamepass },
          value: 'gamepass',
        },
        {
          name: english.orderType.vip_server,
          name_localizations: { id: indonesian.orderType.vip_server },
          value: 'vip_server',
        },
      ],
    },
  ],
} as const satisfies CommandData;
