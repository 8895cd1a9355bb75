import type { ButtonInteraction, ChatInputCommandInteraction, ModalSubmitInteraction } from 'discord.js';
import {
  ApplicationIntegrationType,
  InteractionContextType,
  type APIApplicationCommandOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import type { Ctx } from './context.js';
import type { CustomIdCodec, Fields, ValuesOf } from './custom-id.js';
import { ExpiredInteractionError, RefusalError } from './errors.js';
import { english } from './messages/en.js';
import { indonesian } from './messages/id.js';

export type CommandData = RESTPostAPIChatInputApplicationCommandsJSONBody;

/** A handler of the buttons whose custom_id one codec encodes (its name routes them here). */
export interface ButtonRoute {
  kind: 'button';
  name: string;
  run(interaction: ButtonInteraction, ctx: Ctx): Promise<void>;
}

/** A handler of the modals whose custom_id one codec encodes. */
export interface ModalRoute {
  kind: 'modal';
  name: string;
  run(interaction: ModalSubmitInteraction, ctx: Ctx): Promise<void>;
}

export type ComponentRoute = ButtonRoute | ModalRoute;

/**
 * Routes a codec's buttons to `run`, with the custom_id's fields decoded and typed. A custom_id
 * that names its `user` belongs to that user alone: anyone else's press is refused before `run`.
 */
export function onButton<F extends Fields>(
  codec: CustomIdCodec<F>,
  run: (interaction: ButtonInteraction, ctx: Ctx, values: ValuesOf<F>) => Promise<void>,
): ButtonRoute {
  return {
    kind: 'button',
    name: codec.name,
    run: (interaction, ctx) =>
      run(interaction, ctx, decode(codec, interaction.customId, interaction.user.id)),
  };
}

/** Routes a codec's modals to `run`, as onButton routes buttons (the `user` field included). */
export function onModal<F extends Fields>(
  codec: CustomIdCodec<F>,
  run: (interaction: ModalSubmitInteraction, ctx: Ctx, values: ValuesOf<F>) => Promise<void>,
): ModalRoute {
  return {
    kind: 'modal',
    name: codec.name,
    run: (interaction, ctx) =>
      run(interaction, ctx, decode(codec, interaction.customId, interaction.user.id)),
  };
}

/** The custom_id's fields; refuses a user other than the one its `user` field names. */
function decode<F extends Fields>(codec: CustomIdCodec<F>, customId: string, userId: string): ValuesOf<F> {
  const values = codec.decode(customId);
  if (values === undefined) throw new ExpiredInteractionError(`not a ${codec.name} id`);
  const owner = (values as { user?: unknown }).user;
  if (owner !== undefined && owner !== userId) throw new RefusalError({ kind: 'not_yours' });
  return values;
}

/** One slash command: its definition data and its handlers, together. */
export interface Command<D extends CommandData = CommandData> {
  data: D;
  execute(interaction: ChatInputCommandInteraction, ctx: Ctx): Promise<void>;
  /** The buttons and modals this command's replies carry. */
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
export function localized(key: keyof typeof english.commands) {
  return {
    name: english.commands[key].name,
    name_localizations: { id: indonesian.commands[key].name },
    description: english.commands[key].description,
    description_localizations: { id: indonesian.commands[key].description },
  } as const;
}

/** Installed in servers; usable there and in a DM with the bot (every reply is private either way). */
export const GUILDS_AND_DMS: Required<Pick<CommandData, 'contexts' | 'integration_types'>> = {
  contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
  integration_types: [ApplicationIntegrationType.GuildInstall],
};
