import { DiscordAPIError, MessageFlags, RESTJSONErrorCodes, type Interaction } from 'discord.js';
import type { ButtonInteraction, ChatInputCommandInteraction, ModalSubmitInteraction } from 'discord.js';
import type { ButtonRoute, Command, ModalRoute } from './command.js';
import type { Ctx, Deps } from './context.js';
import { customIdName } from './custom-id.js';
import { interactionType, timeAcknowledgement } from './discord/ack-timer.js';
import { ExpiredInteractionError, RefusalError, isBotError } from './errors.js';
import { messagesFor } from './messages/index.js';
import { renderError } from './messages/errors.js';

type Handled = ChatInputCommandInteraction | ModalSubmitInteraction | ButtonInteraction;

/** Discord answers these when another instance (or a replayed event) already acknowledged. */
const ALREADY_HANDLED = new Set<number>([
  RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged,
  RESTJSONErrorCodes.UnknownInteraction,
]);

export function isAlreadyHandled(error: unknown): error is DiscordAPIError {
  return (
    error instanceof DiscordAPIError && typeof error.code === 'number' && ALREADY_HANDLED.has(error.code)
  );
}

export interface Router {
  handle(interaction: Interaction): Promise<void>;
}

/** Routes each interaction to its command or component handler; one place turns errors into replies. */
export function createRouter(commands: readonly Command[], deps: Deps, accepting: () => boolean): Router {
  const byName = new Map(commands.map((command) => [command.data.name, command]));
  const buttons = new Map<string, ButtonRoute>();
  const modals = new Map<string, ModalRoute>();
  for (const route of commands.flatMap((command) => command.components ?? [])) {
    if (route.kind === 'button') buttons.set(route.name, route);
    else modals.set(route.name, route);
  }

  async function run(interaction: Handled, ctx: Ctx): Promise<void> {
    if (!accepting()) throw new RefusalError({ kind: 'shutting_down' });
    if (interaction.isChatInputCommand()) {
      const command = byName.get(interaction.commandName);
      if (!command) throw new ExpiredInteractionError(`unknown command ${interaction.commandName}`);
      await command.execute(interaction, ctx);
      return;
    }
    // A button's id on a modal (or the other way round) finds no route, like an unknown id.
    const name = customIdName(interaction.customId);
    if (interaction.isButton()) await found(buttons, name).run(interaction, ctx);
    else await found(modals, name).run(interaction, ctx);
  }

  return {
    async handle(interaction) {
      if (!interaction.isChatInputCommand() && !interaction.isModalSubmit() && !interaction.isButton())
        return;
      const type = interactionType(interaction);
      timeAcknowledgement(
        interaction,
        () => deps.clock.now(),
        (seconds) => {
          deps.metrics.ackSeconds.observe({ type }, seconds);
        },
      );
      const ctx = contextFor(interaction, deps);
      const started = deps.clock.now();
      try {
        await run(interaction, ctx);
        ctx.log.debug({ ms: deps.clock.now() - started }, 'interaction handled');
      } catch (error) {
        await replyWithError(interaction, ctx, error);
      }
    },
  };
}

function found<R>(routes: ReadonlyMap<string, R>, name: string): R {
  const route = routes.get(name);
  if (!route) throw new ExpiredInteractionError(`unknown custom_id ${name}`);
  return route;
}

function contextFor(interaction: Handled, deps: Deps): Ctx {
  const log = deps.logger.child({
    interactionId: interaction.id,
    userId: interaction.user.id,
    guildId: interaction.guildId,
    ...(interaction.isChatInputCommand()
      ? { command: interaction.commandName }
      : { customId: customIdName(interaction.customId) }),
  });
  return { ...deps, log, messages: messagesFor(interaction.locale) };
}

async function replyWithError(interaction: Handled, ctx: Ctx, error: unknown): Promise<void> {
  if (isAlreadyHandled(error)) {
    ctx.log.info({ code: error.code }, 'interaction already acknowledged elsewhere; skipped');
    return;
  }
  if (isBotError(error)) ctx.log.info({ err: error }, 'interaction refused');
  else ctx.log.error({ err: error }, 'interaction failed');
  const payload = renderError(error, ctx.messages, interaction.id, ctx.clock.now());
  try {
    if (interaction.deferred || interaction.replied) await ctx.replies.edit(interaction, payload);
    // No mention pings: the client's default (src/discord/client.ts) covers this reply too.
    else await interaction.reply({ ...payload, flags: MessageFlags.Ephemeral });
  } catch (replyError) {
    ctx.log.warn({ err: replyError }, 'could not tell the user about the error');
  }
}
