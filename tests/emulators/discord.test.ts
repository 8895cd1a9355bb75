import { setTimeout as sleep } from 'node:timers/promises';
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  Client,
  DiscordAPIError,
  EmbedBuilder,
  Events,
  GatewayIntentBits,
  LabelBuilder,
  MessageFlags,
  ModalBuilder,
  Routes,
  StringSelectMenuBuilder,
  TextInputBuilder,
  TextInputStyle,
  type ChatInputCommandInteraction,
  type Interaction,
  type ModalSubmitInteraction,
} from 'discord.js';
import WebSocket from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDiscordEmulator, type DiscordEmulator, type DiscordEmulatorOptions } from './discord/index.js';

const TOKEN = 'emulator-bot-token';

/** A real discord.js client logged into the emulator; `next()` resolves with the next interaction it receives. */
interface Bot {
  client: Client;
  next: () => Promise<Interaction>;
}

const clients: Client[] = [];

async function startBot(emulator: DiscordEmulator): Promise<Bot> {
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: emulator.apiUrl } });
  clients.push(client);
  const queue: Interaction[] = [];
  const waiting: ((i: Interaction) => void)[] = [];
  client.on(Events.InteractionCreate, (interaction) => {
    const resolve = waiting.shift();
    if (resolve) resolve(interaction);
    else queue.push(interaction);
  });
  const ready = new Promise<void>((resolve) =>
    client.once(Events.ClientReady, () => {
      resolve();
    }),
  );
  await client.login(TOKEN);
  await ready;
  return {
    client,
    next: () => {
      const queued = queue.shift();
      return queued ? Promise.resolve(queued) : new Promise((resolve) => waiting.push(resolve));
    },
  };
}

async function nextCommand(bot: Bot): Promise<ChatInputCommandInteraction> {
  const interaction = await bot.next();
  if (!interaction.isChatInputCommand())
    throw new Error(`expected a chat input command, got type ${interaction.type}`);
  return interaction;
}

async function apiError(promise: Promise<unknown>): Promise<DiscordAPIError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DiscordAPIError) return error;
    throw error;
  }
  throw new Error('expected a DiscordAPIError');
}

function orderModal(): ModalBuilder {
  return new ModalBuilder()
    .setCustomId('order-modal')
    .setTitle('Place an order')
    .addLabelComponents(
      new LabelBuilder()
        .setLabel('Roblox username')
        .setDescription('The account that receives the gamepass')
        .setTextInputComponent(new TextInputBuilder().setCustomId('username').setStyle(TextInputStyle.Short)),
      new LabelBuilder()
        .setLabel('Package')
        .setStringSelectMenuComponent(
          new StringSelectMenuBuilder()
            .setCustomId('package')
            .addOptions({ label: 'Gamepass', value: 'gamepass' }, { label: 'VIP server', value: 'vip' }),
        ),
    );
}

async function withEmulator(options: DiscordEmulatorOptions = {}): Promise<DiscordEmulator> {
  const emulator = await startDiscordEmulator(options);
  emulators.push(emulator);
  return emulator;
}
const emulators: DiscordEmulator[] = [];

/** Sleeps until `ms` have passed since `since` (a performance.now() timestamp). */
async function until(since: number, ms: number): Promise<void> {
  await sleep(Math.max(0, since + ms - performance.now()));
}

/** Takes over `sessionId` from a raw WebSocket with RESUME at seq 0; resolves with what was replayed, up to RESUMED. */
async function resumeFromStart(
  emulator: DiscordEmulator,
  sessionId: string,
): Promise<{ t: string; d: { id?: string } }[]> {
  const ws = new WebSocket(`${emulator.gatewayUrl}/resume?v=10&encoding=json`);
  const events: { t: string; d: { id?: string } }[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      ws.once('error', reject);
      ws.on('message', (data: Buffer) => {
        const payload = JSON.parse(data.toString()) as { op: number; t: string; d: { id?: string } };
        if (payload.op === 10)
          ws.send(JSON.stringify({ op: 6, d: { token: TOKEN, session_id: sessionId, seq: 0 } }));
        if (payload.op !== 0) return;
        events.push(payload);
        if (payload.t === 'RESUMED') resolve();
      });
    });
  } finally {
    ws.close();
  }
  return events;
}

describe('discord emulator with a real discord.js client', () => {
  let emulator: DiscordEmulator;
  let bot: Bot;

  beforeAll(async () => {
    emulator = await startDiscordEmulator({ guilds: 25 });
    bot = await startBot(emulator);
    clients.splice(clients.indexOf(bot.client), 1);
  });
  afterAll(async () => {
    await bot.client.destroy();
    await emulator.close();
  });

  it('logs in, identifies and receives READY + every GUILD_CREATE', async () => {
    const [session] = await emulator.waitForReady();
    expect(bot.client.guilds.cache.size).toBe(25);
    expect(bot.client.user?.id).toBe(emulator.botUserId);
    expect(bot.client.application?.id).toBe(emulator.applicationId);
    expect(session?.identify.intents).toBe(GatewayIntentBits.Guilds);
    expect(session?.identify).not.toHaveProperty('token');
    const gatewayRequest = emulator.requests.find((r) => r.path === '/api/v10/gateway/bot');
    expect(gatewayRequest?.status).toBe(200);
    expect(JSON.stringify(emulator.requests)).not.toContain(TOKEN);
  });

  it('registers commands and rejects a wrong token', async () => {
    const app = emulator.applicationId;
    const guildId = emulator.guildIds[1] ?? '';
    await bot.client.rest.put(Routes.applicationCommands(app), {
      body: [{ name: 'order', description: 'Place an order' }],
    });
    await bot.client.rest.put(Routes.applicationGuildCommands(app, guildId), {
      body: [{ name: 'admin', description: 'Admin tools' }],
    });
    expect(emulator.commands.global.map((c) => c.name)).toEqual(['order']);
    expect(emulator.commands.guilds.get(guildId)?.[0]?.guild_id).toBe(guildId);
    const error = await apiError(
      bot.client.rest.post(Routes.applicationCommands(app), { body: { name: 'Bad Name' } }),
    );
    expect(error.code).toBe(50035);

    const res = await fetch(`${emulator.apiUrl}/v10/users/@me`, { headers: { authorization: 'Bot wrong' } });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ message: '401: Unauthorized', code: 0 });
    const missing = await fetch(`${emulator.apiUrl}/v10/nope`, {
      headers: { authorization: `Bot ${TOKEN}` },
    });
    expect(missing.status).toBe(404);
  });

  it('round-trips command → Label modal → submit → ephemeral defer → edit with embed and buttons', async () => {
    const handle = emulator.dispatchCommand({
      name: 'order',
      locale: 'id',
      user: { id: '111111111111111111', username: 'alice', globalName: 'Alice' },
      guildId: emulator.guildIds[2] ?? null,
    });
    const command = await nextCommand(bot);
    expect(command.commandName).toBe('order');
    expect(command.commandId).toBe(emulator.commands.global[0]?.id);
    expect(command.locale).toBe('id');
    expect(command.guildLocale).toBe('en-US');
    expect(command.user.id).toBe('111111111111111111');
    expect(command.user.username).toBe('alice');
    expect(command.guildId).toBe(emulator.guildIds[2]);
    expect(command.inGuild()).toBe(true);
    expect(command.channel?.id).toBe(handle.payload.channel_id);
    expect(handle.token.length).toBeGreaterThanOrEqual(140);

    await command.showModal(orderModal());
    const callback = await handle.waitForCallback();
    expect(callback).toMatchObject({ type: 9, status: 204, data: { custom_id: 'order-modal' } });

    const submitHandle = emulator.submitModal(handle, { username: 'RobloxAlice', package: ['vip'] });
    const submitted = await bot.next();
    if (!submitted.isModalSubmit()) throw new Error('expected a modal submit');
    const modal: ModalSubmitInteraction = submitted;
    expect(modal.customId).toBe('order-modal');
    expect(modal.user.id).toBe('111111111111111111');
    expect(modal.locale).toBe('id');
    expect(modal.fields.getTextInputValue('username')).toBe('RobloxAlice');
    expect(modal.fields.getStringSelectValues('package')).toEqual(['vip']);

    await modal.deferReply({ flags: MessageFlags.Ephemeral });
    await modal.editReply({
      embeds: [new EmbedBuilder().setTitle('Invoice').addFields({ name: 'Package', value: 'VIP server' })],
      components: [
        new ActionRowBuilder<ButtonBuilder>().addComponents(
          new ButtonBuilder().setStyle(ButtonStyle.Link).setURL('https://example.com/pay').setLabel('Pay'),
          new ButtonBuilder().setStyle(ButtonStyle.Secondary).setCustomId('cancel').setLabel('Cancel'),
        ),
      ],
    });
    expect(submitHandle.callbacks[0]).toMatchObject({ type: 5, status: 204, data: { flags: 64 } });
    const edit = await submitHandle.waitForEdit();
    expect(edit.status).toBe(200);
    expect(submitHandle.original?.embeds[0]?.title).toBe('Invoice');
    expect(submitHandle.original?.flags).toBe(64);

    const click = emulator.dispatchComponent(submitHandle, 'cancel');
    const button = await bot.next();
    if (!button.isButton()) throw new Error('expected a button');
    expect(button.customId).toBe('cancel');
    await button.update({ content: 'Cancelled', embeds: [], components: [] });
    expect(click.callbacks[0]).toMatchObject({ type: 7, status: 204 });
    expect(submitHandle.original?.content).toBe('Cancelled');
  });

  it('rejects invalid form bodies without acknowledging, then accepts a valid reply', async () => {
    const handle = emulator.dispatchCommand({ name: 'order' });
    const command = await nextCommand(bot);
    const tooLong = await apiError(
      command.reply({ embeds: [{ fields: [{ name: 'n', value: 'x'.repeat(1025) }] }] }),
    );
    expect(tooLong.status).toBe(400);
    expect(tooLong.code).toBe(50035);
    expect(tooLong.rawError).toMatchObject({
      errors: { data: { embeds: { 0: { fields: { 0: { value: {} } } } } } },
    });
    const badModal = await apiError(
      command.showModal({ custom_id: 'm', title: 'x'.repeat(46), components: [] }),
    );
    expect(badModal.code).toBe(50035);
    await command.reply({ content: 'ok' });
    expect(handle.callbacks.map((c) => c.status)).toEqual([400, 400, 204]);
    expect(handle.original?.content).toBe('ok');
  });

  it('sends DMs and reports closed DMs with 50007', async () => {
    emulator.dmsClosedFor.add('222222222222222222');
    await bot.client.users.send('333333333333333333', { content: 'Your invoice' });
    const dm = await emulator.waitForDm('333333333333333333');
    expect(dm.body).toMatchObject({ content: 'Your invoice' });
    const closed = await apiError(bot.client.users.send('222222222222222222', { content: 'nope' }));
    expect(closed.status).toBe(403);
    expect(closed.code).toBe(50007);
    expect(emulator.dms.get('222222222222222222')).toBeUndefined();
  });

  it('dispatches DM interactions with user instead of member', async () => {
    const handle = emulator.dispatchCommand({ name: 'order', guildId: null });
    const command = await nextCommand(bot);
    expect(command.inGuild()).toBe(false);
    expect(handle.payload.context).toBe(1);
    expect(handle.payload).not.toHaveProperty('member');
    await command.reply({ content: 'hi' });
  });
});

describe('interaction rules', () => {
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.destroy()));
    await Promise.all(emulators.splice(0).map((e) => e.close()));
  });

  it('enforces the first-response deadline, double acks, token lifetime and modal rules', async () => {
    const emulator = await withEmulator({ firstResponseDeadlineMs: 200, interactionTokenTtlMs: 600 });
    const bot = await startBot(emulator);

    // Too late: the bot replies after the 200 ms deadline.
    const late = emulator.dispatchCommand({ name: 'slow' });
    const slow = await nextCommand(bot);
    await until(late.dispatchedAt, 250);
    expect((await apiError(slow.reply({ content: 'late' }))).code).toBe(10062);

    // Webhook edit before any callback → 10015; double ack → 40060.
    const twice = emulator.dispatchCommand({ name: 'twice' });
    const command = await nextCommand(bot);
    expect((await apiError(command.webhook.editMessage('@original', { content: 'x' }))).code).toBe(10015);
    await command.deferReply();
    const second = await apiError(
      bot.client.rest.post(Routes.interactionCallback(command.id, command.token), {
        body: { type: 4, data: { content: 'again' } },
        auth: false,
      }),
    );
    expect(second.code).toBe(40060);
    expect(twice.callbacks.map((c) => c.errorCode)).toEqual([undefined, 40060]);
    await command.followUp({ content: 'done' });
    expect(twice.original?.content).toBe('done');

    // Modal-only response: @original does not exist; a modal in answer to a modal submit is invalid.
    const modalHandle = emulator.dispatchCommand({ name: 'modal' });
    const modalCommand = await nextCommand(bot);
    await modalCommand.showModal(orderModal());
    expect((await apiError(modalCommand.webhook.editMessage('@original', { content: 'x' }))).code).toBe(
      10008,
    );
    emulator.submitModal(modalHandle, { username: 'bob', package: 'gamepass' });
    const submit = await bot.next();
    if (!submit.isModalSubmit()) throw new Error('expected a modal submit');
    // discord.js has no showModal() on a ModalSubmitInteraction; a bot could still POST type 9 directly.
    const modalOnModal = await apiError(
      bot.client.rest.post(Routes.interactionCallback(submit.id, submit.token), {
        body: { type: 9, data: orderModal().toJSON() },
        auth: false,
      }),
    );
    expect(modalOnModal.status).toBe(400);
    expect(modalOnModal.code).toBe(50035);
    await submit.reply({ content: 'thanks' });

    // Token lifetime: 600 ms after dispatch, webhook calls answer 401 50027.
    await until(twice.dispatchedAt, 650);
    expect((await apiError(command.editReply({ content: 'too late' }))).code).toBe(50027);
  });

  it('resumes after RECONNECT and replays events dispatched while away', async () => {
    const emulator = await withEmulator();
    const bot = await startBot(emulator);
    const [session] = await emulator.waitForReady();
    if (!session) throw new Error('no session');
    emulator.requestReconnect();
    await emulator.waitFor(() => (session.connected ? undefined : true), 3000, 'the client to disconnect');
    const handle = emulator.dispatchCommand({ name: 'queued' });
    const command = await nextCommand(bot);
    expect(command.id).toBe(handle.id);
    await command.reply({ content: 'after resume' });
    expect(session.resumes).toBe(1);
    expect(session.connectionUrls[1]).toMatch(/^\/gateway\/resume\?/);
    expect(emulator.sessions).toHaveLength(1);
  });

  it('delivers the same interaction to two bot processes; only the first ack wins', async () => {
    const emulator = await withEmulator();
    const [a, b] = await Promise.all([startBot(emulator), startBot(emulator)]);
    await emulator.waitForReady(5000, 2);
    const handle = emulator.dispatchCommand({ name: 'order' });
    const [ia, ib] = await Promise.all([nextCommand(a), nextCommand(b)]);
    expect(ia.id).toBe(ib.id);
    const results = await Promise.allSettled([ia.reply({ content: 'A' }), ib.reply({ content: 'B' })]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected');
    expect(rejected?.status === 'rejected' && (rejected.reason as DiscordAPIError).code).toBe(40060);
    expect(handle.callbacks.map((c) => c.status).sort()).toEqual([204, 400]);

    const onlyFirst = emulator.dispatchCommand({ name: 'order', to: 'first' });
    const got = await Promise.race([nextCommand(a), nextCommand(b)]);
    expect(got.id).toBe(onlyFirst.id);
  });

  it('forgets finished interactions: their tokens, their messages and their RESUME replay', async () => {
    const emulator = await withEmulator();
    const bot = await startBot(emulator);
    const done = emulator.dispatchCommand({ name: 'done' });
    const doneCommand = await nextCommand(bot);
    await doneCommand.deferReply();
    await doneCommand.editReply({ content: 'finished' });
    const pending = emulator.dispatchCommand({ name: 'pending' });
    await nextCommand(bot);
    const originalId = done.original?.id;

    emulator.forget([done]);
    expect((await apiError(doneCommand.editReply({ content: 'again' }))).code).toBe(10015);
    expect(done.edits.map((e) => e.status)).toEqual([200]);
    expect(done.original).toBeNull();
    expect(originalId).toBeDefined();

    // A RESUME from the start of the session replays the interaction still pending, not the forgotten one.
    const [session] = emulator.sessions;
    if (!session) throw new Error('no session');
    const replayed = await resumeFromStart(emulator, session.sessionId);
    const interactions = replayed.filter((e) => e.t === 'INTERACTION_CREATE').map((e) => e.d.id);
    expect(interactions).toEqual([pending.id]);
    expect(replayed.at(-1)?.t).toBe('RESUMED');
  });

  it('announces its keep-alive timeout to HTTP clients', async () => {
    const emulator = await withEmulator({ keepAliveMs: 400_000 });
    const response = await fetch(`${emulator.apiUrl}/v10/gateway`);
    await response.arrayBuffer();
    expect(response.headers.get('keep-alive')).toBe('timeout=400');
  });

  it('speaks the raw gateway protocol: HELLO, heartbeat ACK, 4004 on a wrong token', async () => {
    const emulator = await withEmulator({ heartbeatIntervalMs: 1234 });
    const ws = new WebSocket(`${emulator.gatewayUrl}?v=10&encoding=json`);
    const received: { op: number; d: unknown }[] = [];
    const closed = new Promise<number>((resolve) =>
      ws.once('close', (code) => {
        resolve(code);
      }),
    );
    const acked = new Promise<void>((resolve) => {
      ws.on('message', (data: Buffer) => {
        const payload = JSON.parse(data.toString()) as { op: number; d: unknown };
        received.push(payload);
        if (payload.op === 10) ws.send(JSON.stringify({ op: 1, d: null }));
        if (payload.op === 11) resolve();
      });
    });
    await acked;
    expect(received[0]).toMatchObject({ op: 10, d: { heartbeat_interval: 1234 } });
    ws.send(JSON.stringify({ op: 2, d: { token: 'wrong', intents: 1, properties: {} } }));
    expect(await closed).toBe(4004);
    expect(emulator.sessions).toHaveLength(0);
  });
});
