import type { ButtonInteraction, ChatInputCommandInteraction, ModalSubmitInteraction } from 'discord.js';
import type { InteractionType } from '../metrics.js';

type Timed = ChatInputCommandInteraction | ModalSubmitInteraction | ButtonInteraction;
type Respond = (...args: unknown[]) => Promise<unknown>;

/** The calls that acknowledge an interaction; the first to succeed is its acknowledgement. */
const ACKNOWLEDGEMENTS = ['deferReply', 'reply', 'showModal', 'deferUpdate', 'update'] as const;

export function interactionType(interaction: Timed): InteractionType {
  if (interaction.isChatInputCommand()) return 'command';
  return interaction.isModalSubmit() ? 'modal' : 'button';
}

/**
 * Calls `observe` once, with the seconds from the interaction's creation (its snowflake's time)
 * to the moment Discord accepted its first acknowledgement, whichever handler makes it.
 */
export function timeAcknowledgement(
  interaction: Timed,
  now: () => number,
  observe: (seconds: number) => void,
): void {
  const target = interaction as unknown as Record<string, Respond | undefined>;
  let acknowledged = false;
  for (const name of ACKNOWLEDGEMENTS) {
    const original = target[name];
    if (typeof original !== 'function') continue;
    target[name] = async (...args: unknown[]) => {
      const result = await original.apply(interaction, args);
      if (!acknowledged) {
        acknowledged = true;
        observe(Math.max(0, now() - interaction.createdTimestamp) / 1000);
      }
      return result;
    };
  }
}
