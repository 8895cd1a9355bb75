import { Events, type Interaction } from 'discord.js';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';

import { createDiscordClient } from '../../src/discord/client.js';
import { connectToDiscord, type DiscordConnection } from '../../src/discord/connection.js';
import { startDiscordEmulator, type DiscordEmulator } from '../emulators/discord/index.js';

const TOKEN = 'connection-test-token';
const silent = pino({ level: 'silent' });

let emulator: DiscordEmulator | undefined;
let connection: DiscordConnection | undefined;

afterEach(async () => {
  await connection?.client.destroy();
  await emulator?.close();
  connection = undefined;
  emulator = undefined;
});

describe('connectToDiscord', () => {
  it('keeps the interactions that arrive before the handler is attached, and hands them over in order', async () => {
    emulator = await startDiscordEmulator({ token: TOKEN });
    const conn = connectToDiscord(createDiscordClient(emulator.apiUrl), TOKEN, silent);
    connection = conn;
    await conn.ready;

    // The bot is connected but its order flow is still being built: nothing handles interactions yet.
    let seen = 0;
    const arrived = new Promise<void>((resolve) => {
      conn.client.on(Events.InteractionCreate, () => {
        if (++seen === 2) resolve();
      });
    });
    const first = emulator.dispatchCommand({ name: 'order', user: { id: '300000000000000001' } });
    const second = emulator.dispatchCommand({ name: 'order', user: { id: '300000000000000002' } });
    await arrived;

    const handled: Interaction[] = [];
    let onThird: () => void = () => undefined;
    const gotThird = new Promise<void>((resolve) => (onThird = resolve));
    conn.onInteraction((interaction) => {
      if (handled.push(interaction) === 3) onThird();
    });
    expect(handled.map((i) => i.id)).toEqual([first.id, second.id]);

    // Later interactions go straight to the handler.
    const third = emulator.dispatchCommand({ name: 'order', user: { id: '300000000000000003' } });
    await gotThird;
    expect(handled[2]?.id).toBe(third.id);
    expect(() => {
      conn.onInteraction(() => undefined);
    }).toThrow(/already attached/);
  });

  it('rejects `ready` when Discord refuses the token, without an unhandled rejection before anyone awaits it', async () => {
    emulator = await startDiscordEmulator({ token: TOKEN });
    const conn = connectToDiscord(createDiscordClient(emulator.apiUrl), 'not-the-token', silent);
    connection = conn;
    // Nothing awaits `ready` for a while (the rest of the bot is being built): no unhandled rejection.
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(conn.ready).rejects.toThrow();
  });
});
