import {
  Events,
  MessageFlags,
  REST,
  RESTEvents,
  type ChatInputCommandInteraction,
  type Client,
  type RateLimitData,
} from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';

import { createDiscordClient } from '../../src/discord/client.js';
import { InteractionReplies, type EditTarget } from '../../src/discord/replies.js';
import { textReply } from '../../src/messages/reply.js';
import { startDiscordEmulator, type DiscordEmulator } from '../emulators/discord/index.js';

const TOKEN = 'replies-test-token';
/** More edits at once than discord.js's global budget of 50 per second. */
const EDITS = 60;

let cleanup: (() => Promise<unknown> | undefined)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

/**
 * The Discord emulator with a real discord.js client logged in, and `count` interactions it has
 * deferred: each one's original response can now be edited with its token.
 */
async function deferredInteractions(count: number): Promise<{
  emulator: DiscordEmulator;
  targets: EditTarget[];
}> {
  const emulator = await startDiscordEmulator({ token: TOKEN });
  cleanup.push(() => emulator.close());
  const client: Client = createDiscordClient(emulator.apiUrl);
  cleanup.push(() => client.destroy());
  const deferred: Promise<ChatInputCommandInteraction>[] = [];
  const arrived = new Promise<void>((resolve) => {
    client.on(Events.InteractionCreate, (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      deferred.push(interaction.deferReply({ flags: MessageFlags.Ephemeral }).then(() => interaction));
      if (deferred.length === count) resolve();
    });
  });
  const ready = new Promise((resolve) => client.once(Events.ClientReady, resolve));
  await client.login(TOKEN);
  await ready;
  for (let i = 0; i < count; i++)
    emulator.dispatchCommand({ name: 'order', user: { id: String(300000000000000001n + BigInt(i)) } });
  await arrived;
  return { emulator, targets: await Promise.all(deferred) };
}

/** `count` edits at once through `rest`; the rate limits the REST manager waited on. */
async function editAtOnce(
  rest: REST,
  targets: readonly EditTarget[],
  edit: (target: EditTarget) => Promise<unknown>,
) {
  const waits: RateLimitData[] = [];
  rest.on(RESTEvents.RateLimited, (info) => waits.push(info));
  await Promise.all(targets.map(edit));
  return waits;
}

/** InteractionReplies pointed at the emulator, destroyed after the test. */
function repliesFor(emulator: DiscordEmulator): InteractionReplies {
  const replies = InteractionReplies.create(emulator.apiUrl);
  cleanup.push(() => {
    replies.destroy();
    return undefined;
  });
  return replies;
}

describe('InteractionReplies', () => {
  it('edits the original response with the payload, mentioning nobody, authorized by the interaction token alone', async () => {
    const { emulator, targets } = await deferredInteractions(1);
    const [target] = targets;
    if (!target) throw new Error('no interaction');
    const replies = repliesFor(emulator);

    const payload = textReply('Invoice ready');
    await replies.edit(target, payload);

    const edits = emulator.requests.filter((r) => r.method === 'PATCH');
    expect(edits).toHaveLength(1);
    const [request] = edits;
    expect(request?.path).toBe(
      `/api/v10/webhooks/${target.applicationId}/${target.token}/messages/@original`,
    );
    expect(request?.authorized).toBe(false);
    expect(request?.status).toBe(200);
    expect(request?.body).toEqual({ ...payload, allowed_mentions: { parse: [] } });
  });

  it(`sends ${EDITS} edits at once without waiting on a global limit (Discord applies none to interaction endpoints)`, async () => {
    const { emulator, targets } = await deferredInteractions(EDITS);
    const replies = repliesFor(emulator);

    const waits = await editAtOnce(replies.rest, targets, (target) =>
      replies.edit(target, textReply('done')),
    );

    expect(waits).toEqual([]);
    const edits = emulator.requests.filter((r) => r.method === 'PATCH');
    expect(edits).toHaveLength(EDITS);
    expect(edits.every((r) => r.status === 200)).toBe(true);
  });

  it('the same edits on a REST manager with discord.js defaults wait on its global limit of 50 per second', async () => {
    const { emulator, targets } = await deferredInteractions(EDITS);
    const rest = new REST({ api: emulator.apiUrl });
    cleanup.push(() => {
      rest.clearHashSweeper();
      rest.clearHandlerSweeper();
      return undefined;
    });

    const waits = await editAtOnce(rest, targets, (target) =>
      rest.patch(`/webhooks/${target.applicationId}/${target.token}/messages/@original`, {
        body: textReply('done'),
        auth: false,
      }),
    );

    expect(waits.some((wait) => wait.global)).toBe(true);
    expect(emulator.requests.filter((r) => r.method === 'PATCH' && r.status === 200)).toHaveLength(EDITS);
  });
});
