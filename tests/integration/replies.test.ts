import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { REST, RESTEvents, type RateLimitData } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';

import { InteractionReplies } from '../../src/discord/replies.js';
import { textReply } from '../../src/messages/render.js';

const APP = '400000000000000001';
/** More edits at once than discord.js's global budget of 50 per second. */
const EDITS = 60;

interface Received {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

/** A stand-in for Discord's REST API that answers every request at once with an empty message. */
async function startApi(): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (raw += chunk));
    req.on('end', () => {
      received.push({
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: raw === '' ? undefined : JSON.parse(raw),
      });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/api`, received, server };
}

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const step of cleanup) step();
  cleanup = [];
});

/** `count` edits of distinct interactions' original responses at once; the rate limits the REST manager waited on. */
async function editAtOnce(rest: REST, edit: (token: string) => Promise<unknown>, count: number) {
  const waits: RateLimitData[] = [];
  rest.on(RESTEvents.RateLimited, (info) => waits.push(info));
  await Promise.all(Array.from({ length: count }, (_, i) => edit(`interaction-token-${i}`)));
  return waits;
}

/** The stand-in API, and InteractionReplies pointed at it; both closed after the test. */
async function startReplies() {
  const api = await startApi();
  const replies = InteractionReplies.create(api.url);
  cleanup.push(
    () => api.server.close(),
    () => {
      replies.destroy();
    },
  );
  return { api, replies };
}

describe('InteractionReplies', () => {
  it('edits the original response with the payload as it is, authorized by the interaction token alone', async () => {
    const { api, replies } = await startReplies();

    const payload = textReply('Invoice ready');
    await replies.edit({ applicationId: APP, token: 'the-interaction-token' }, payload);

    expect(api.received).toHaveLength(1);
    const [request] = api.received;
    expect(request?.method).toBe('PATCH');
    expect(request?.path).toBe(`/api/v10/webhooks/${APP}/the-interaction-token/messages/@original`);
    expect(request?.headers.authorization).toBeUndefined();
    expect(request?.body).toEqual(payload);
  });

  it(`sends ${EDITS} edits at once without waiting on a global limit (Discord applies none to interaction endpoints)`, async () => {
    const { api, replies } = await startReplies();

    const waits = await editAtOnce(
      replies.rest,
      (token) => replies.edit({ applicationId: APP, token }, textReply('done')),
      EDITS,
    );

    expect(waits).toEqual([]);
    expect(api.received).toHaveLength(EDITS);
  });

  it('the same edits on a REST manager with discord.js defaults wait on its global limit of 50 per second', async () => {
    const api = await startApi();
    const rest = new REST({ api: api.url });
    cleanup.push(
      () => api.server.close(),
      () => {
        rest.clearHashSweeper();
        rest.clearHandlerSweeper();
      },
    );

    const waits = await editAtOnce(
      rest,
      (token) =>
        rest.patch(`/webhooks/${APP}/${token}/messages/@original`, { body: textReply('done'), auth: false }),
      EDITS,
    );

    expect(waits.some((wait) => wait.global)).toBe(true);
    expect(api.received).toHaveLength(EDITS);
  });
});
