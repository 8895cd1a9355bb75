/**
 * The floor: the least a discord.js bot can do for the order flow, the yardstick for the bot.
 *
 * The bot's client options (createDiscordClient), its commands, its `/order` modal and an invoice
 * edit of its own, sent on its REST manager for interaction edits (InteractionReplies). Every
 * `/order` gets the modal, every modal submit an ephemeral defer and then the invoice: no
 * validation, no store, no records. It prints the bot's readiness lines, so both are timed alike.
 *
 * Started like the bot (compiled by bench/tsconfig.floor.json, `node dist/bench/floor.js`) with the
 * same variables (DISCORD_TOKEN, DISCORD_API_URL). The commands, modal and invoice come as JSON in
 * the file BENCH_FLOOR_FIXTURE names (bench/fixture.ts builds them), so the floor loads none of the
 * bot's own modules beyond the two above.
 */
import { readFileSync } from 'node:fs';
import { Events, MessageFlags, Routes } from 'discord.js';
import { createDiscordClient } from '../src/discord/client.js';
import { InteractionReplies } from '../src/discord/replies.js';
import type { FloorFixture } from './fixture.js';

function log(msg: string, fields: Record<string, unknown> = {}): void {
  process.stdout.write(`${JSON.stringify({ level: 30, time: Date.now(), ...fields, msg })}\n`);
}

const fixture = JSON.parse(readFileSync(process.env.BENCH_FLOOR_FIXTURE ?? '', 'utf8')) as FloorFixture;
const apiUrl = process.env.DISCORD_API_URL === '' ? undefined : process.env.DISCORD_API_URL;
const client = createDiscordClient(apiUrl);
const replies = InteractionReplies.create(apiUrl);

const onError = (error: unknown): void => {
  log('interaction failed', { err: String(error) });
};

client.on(Events.InteractionCreate, (interaction) => {
  if (interaction.isChatInputCommand()) {
    interaction.showModal(fixture.modal).catch(onError);
  } else if (interaction.isModalSubmit()) {
    interaction
      .deferReply({ flags: MessageFlags.Ephemeral })
      .then(() => replies.edit(interaction, fixture.edit))
      .catch(onError);
  }
});

client.once(Events.ClientReady, (ready) => {
  log('connected to Discord', { guilds: ready.guilds.cache.size });
  ready.rest
    .put(Routes.applicationCommands(ready.application.id), { body: fixture.commands })
    .then(() => {
      log('slash commands registered');
    })
    .catch((error: unknown) => {
      log('could not register the slash commands', { err: String(error) });
    });
});

const stop = (): void => {
  replies.destroy();
  void client.destroy().finally(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

await client.login(process.env.DISCORD_TOKEN);
