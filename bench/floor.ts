/**
 * The floor: the fastest a discord.js bot can answer the order flow on this machine.
 *
 * Same library, same intents and cache settings (`createDiscordClient`), same commands, same
 * modal; but every `/order` gets the modal straight away and every submit gets an ephemeral
 * defer and one fixed edit: no validation, no store, no records, no logger. The modal and the
 * edit are sent the bot's way: the modal as it is (src/discord/payload.ts), the edit on the REST
 * manager for interaction webhooks (src/discord/replies.ts). Benchmark only, never shipped.
 *
 * Compiled and started like the bot (`node dist/bench/floor.js`) and configured by the same
 * variables (DISCORD_TOKEN, DISCORD_API_URL). It prints the bot's start-up milestones as JSON
 * lines so the benchmark can time both the same way.
 *
 * The commands, the modal and the edit are the bot's own, built by the benchmark with
 * `commands` (commands/index.ts), `buildOrderModal` and `renderInvoice` (src/messages/render.ts,
 * English catalogue) and handed over as JSON in BENCH_FLOOR_FIXTURE, so the floor does not load
 * the bot's order code (zod, schemas…) it never runs. Without BENCH_FLOOR_FIXTURE it builds them
 * itself with the same functions.
 */
import { readFileSync } from 'node:fs';
import { Events, MessageFlags, Routes, type Interaction } from 'discord.js';
import type {
  APIModalInteractionResponseCallbackData,
  RESTPutAPIApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import { createDiscordClient } from '../src/discord/client.js';
import { InteractionReplies } from '../src/discord/replies.js';
import type { ReplyPayload } from '../src/messages/reply.js';

export interface FloorFixture {
  commands: RESTPutAPIApplicationCommandsJSONBody;
  modal: APIModalInteractionResponseCallbackData;
  edit: ReplyPayload;
}

function log(level: number, msg: string, fields: Record<string, unknown> = {}): void {
  process.stdout.write(
    `${JSON.stringify({ level, time: new Date().toISOString(), service: 'floor', ...fields, msg })}\n`,
  );
}

async function loadFixture(): Promise<FloorFixture> {
  const path = process.env.BENCH_FLOOR_FIXTURE;
  if (path) return JSON.parse(readFileSync(path, 'utf8')) as FloorFixture;
  const { buildFloorFixture } = await import('./fixture.js');
  return buildFloorFixture();
}

const token = process.env.DISCORD_TOKEN ?? '';
if (token === '') {
  process.stderr.write('DISCORD_TOKEN is required\n');
  process.exit(1);
}
const apiUrl = process.env.DISCORD_API_URL === '' ? undefined : process.env.DISCORD_API_URL;
const fixture = await loadFixture();
const client = createDiscordClient(apiUrl);

const onError = (error: unknown): void => {
  log(50, 'interaction failed', { err: String(error) });
};

// A plain object would first be copied key by key by discord.js's jsonTransformer.
const modal = fixture.modal;
// The edit goes on the bot's REST manager for interaction webhooks (no global limit).
const replies = InteractionReplies.create(apiUrl);

client.on(Events.InteractionCreate, (interaction: Interaction) => {
  if (interaction.isChatInputCommand()) {
    interaction.showModal(modal).catch(onError);
  } else if (interaction.isModalSubmit()) {
    interaction
      .deferReply({ flags: MessageFlags.Ephemeral })
      .then(() => replies.edit(interaction, fixture.edit))
      .catch(onError);
  }
});
client.on(Events.Error, (error) => {
  log(50, 'discord client error', { err: String(error) });
});

client.once(Events.ClientReady, (ready) => {
  log(30, 'connected to Discord', { user: ready.user.tag, guilds: ready.guilds.cache.size });
  const applicationId = ready.application.id;
  ready.rest
    .put(Routes.applicationCommands(applicationId), { body: fixture.commands })
    .then(() => {
      log(30, 'slash commands registered', { scope: 'global', changed: true });
    })
    .catch((error: unknown) => {
      log(40, 'could not register the slash commands', { err: String(error) });
    });
});

const stop = (): void => {
  replies.destroy();
  void client.destroy().finally(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

await client.login(token);
