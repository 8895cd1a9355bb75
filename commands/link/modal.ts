import type { ModalSubmitInteraction } from 'discord.js';
import {
  ComponentType,
  TextInputStyle,
  type APIModalInteractionResponseCallbackData,
} from 'discord-api-types/v10';
import type { Messages } from '../../src/messages/index.js';
import { TOKEN_MAX_LENGTH, TOKEN_MIN_LENGTH } from '../../src/tokens/crypto.js';

const TOKEN_FIELD = 'token';

/** `/link`'s form: where to find the token, then one text input for it. */
export function buildLinkModal(
  messages: Messages,
  customId: string,
): APIModalInteractionResponseCallbackData {
  return {
    custom_id: customId,
    title: messages.link.modalTitle,
    components: [
      { type: ComponentType.TextDisplay, content: messages.link.intro },
      {
        type: ComponentType.Label,
        label: messages.link.tokenLabel,
        description: messages.link.tokenHelp,
        component: {
          type: ComponentType.TextInput,
          custom_id: TOKEN_FIELD,
          style: TextInputStyle.Short,
          required: true,
          min_length: TOKEN_MIN_LENGTH,
          max_length: TOKEN_MAX_LENGTH,
          placeholder: 'lrrs_v1_…',
        },
      },
    ],
  };
}

/** The pasted token; empty when the form has no such input. */
export function readToken(interaction: ModalSubmitInteraction): string {
  try {
    return interaction.fields.getTextInputValue(TOKEN_FIELD);
  } catch {
    return '';
  }
}
