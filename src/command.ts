import {
  MessageFlags,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type ModalSubmitInteraction,
} from 'discord.js';
import type {
  APIApplicationCommandOption,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import { ApplicationIntegrationType, InteractionContextType } from 'discord-api-types/v10';
import type { Ctx } from './context.js';
import { en } from './messages/en.js';
import { id } from './messages/id.js';
import type { CustomIdCodec, Fields, ValuesOf } from './custom-id.js';
import { ExpiredInteractionError } from './errors.js';

export type CommandData = RESTPostAPIChatInputApplicationCommandsJSONBody;

/**
 * Acknowledges within Discord's 3-second deadline, before any I/O: a private "thinking…" reply
 * (`private`) or a silent update of the message a button sits on (`update`). Then lets the other
 * interactions that arrived be acknowledged before this one's slower work goes on (AckFirst).
 */
export async function acknowledge(
  interaction: ChatInputCommandInteraction | ModalSubmitInteraction | ButtonInteraction,
  ctx: Pick<Ctx, 'acknowledged'>,
): Promise<void>;
export async function acknowledge(
  interaction: ButtonInteraction,
  ctx: Pick<Ctx, 'acknowledged'>,
  how: 'update',
): Promise<void>;
export async function acknowledge(
  interaction: ChatInputCommandInteraction | ModalSubmitInteraction | ButtonInteraction,
  ctx: Pick<Ctx, 'acknowledged'>,
  how: 'private' | 'update' = 'private',
): Promise<void> {
  if (how === 'update') await (interaction as ButtonInteraction).deferUpdate();
  else await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  await ctx.acknowledged();
}

/** A component or modal handler, found by the name part of its custom_id. */
export interface ComponentRoute {
  name: string;
  run(interaction: ButtonInteraction | ModalSubmitInteraction, ctx: Ctx, customId: string): Promise<void>;
}

/** Binds a handler to a custom_id codec: the handler gets the decoded, typed fields. */
export function route<F extends Fields>(
  codec: CustomIdCodec<F>,
  run: (
    interaction: ButtonInteraction | ModalSubmitInteraction,
    ctx: Ctx,
    values: ValuesOf<F>,
  ) => Promise<void>,
): ComponentRoute {
  return {
    name: codec.name,
    run: async (interaction, ctx, customId) => {
      const values = codec.decode(customId);
      if (values === undefined) throw new ExpiredInteractionError(`not a ${codec.name} id`);
      await run(interaction, ctx, values);
    },
  };
}

/** One slash command: its definition data and its handlers, together. */
export interface Command<D extends CommandData = CommandData> {
  data: D;
  execute(interaction: ChatInputCommandInteraction, ctx: Ctx): Promise<void>;
  components?: readonly ComponentRoute[];
}

/** The `value`s a string option of a command's data allows, as a type. */
export type ChoiceOf<D extends CommandData, Name extends string> = NonNullable<
  D['options']
>[number] extends infer O
  ? O extends { name: Name; choices?: readonly (infer C)[] }
    ? C extends { value: infer V }
      ? V
      : never
    : never
  : never;

/** Reads a string option and checks it against the choices the command declared. */
export function getChoice<D extends CommandData, Name extends string>(
  interaction: ChatInputCommandInteraction,
  data: D,
  name: Name,
): ChoiceOf<D, Name> | undefined {
  const value = interaction.options.getString(name);
  if (value === null) return undefined;
  const option = (data.options as readonly APIApplicationCommandOption[] | undefined)?.find(
    (o) => o.name === name,
  );
  const choices =
    option && 'choices' in option ? (option.choices as readonly { value: unknown }[] | undefined) : undefined;
  return choices?.some((choice) => choice.value === value) === true
    ? (value as ChoiceOf<D, Name>)
    : undefined;
}

/** A command's name and description in English, with the Indonesian (`id`) localization, from the catalogues. */
export function localized(key: keyof typeof en.commands) {
  return {
    name: en.commands[key].name,
    name_localizations: { id: id.commands[key].name },
    description: en.commands[key].description,
    description_localizations: { id: id.commands[key].description },
  } as const;
}

/** Installed in servers; usable there and in a DM with the bot (every reply is private either way). */
export const GUILDS_AND_DMS: Required<Pick<CommandData, 'contexts' | 'integration_types'>> = {
  contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
  integration_types: [ApplicationIntegrationType.GuildInstall],
};
