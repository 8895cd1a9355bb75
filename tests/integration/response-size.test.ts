import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.js';
import { UpstreamError } from '../../src/errors.js';
import { LeuwongClient } from '../../src/leuwong/client.js';
import { until } from '../e2e/harness.js';

const CAP = 256 * 1024;
const TOTAL = 128 * 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, 'x');

interface Oversized {
  url: string;
  requests: number;
  /** Bytes of the body the server managed to hand to the socket before the client went away. */
  written: number;
  finished: boolean;
  closed: boolean;
  close(): Promise<void>;
}

/** A store that answers every request with `status` and a body of TOTAL bytes, chunked or with a length. */
async function oversizedStore(status: number, withLength: boolean): Promise<Oversized> {
  const state = { requests: 0, written: 0, finished: false, closed: false };
  const server = http.createServer((req, res) => {
    state.requests += 1;
    res.writeHead(status, {
      'content-type': 'application/json',
      ...(withLength ? { 'content-length': String(TOTAL) } : {}),
    });
    res.on('close', () => {
      state.closed = true;
    });
    const pump = () => {
      while (state.written < TOTAL && !res.destroyed) {
        state.written += CHUNK.length;
        if (!res.write(CHUNK)) {
          res.once('drain', pump);
          return;
        }
      }
      if (state.written >= TOTAL) {
        state.finished = true;
        res.end();
      }
    };
    req.resume();
    req.on('end', pump);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}/api/v1`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  });
}

let server: Oversized | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function clientFor(url: string) {
  return new LeuwongClient({
    baseUrl: url,
    clock: systemClock,
    logger: pino({ level: 'silent' }),
    retry: { attemptTimeoutMs: 5000, deadlineMs: 20_000, maxAttempts: 4, backoffBaseMs: 5, backoffCapMs: 20 },
  });
}

const order = {
  token: 'lrrs_v1_response_size_test_token',
  idempotencyKey: 'response-size-1',
  discordUserId: '100000000000000001',
  body: {
    order_type: 'gamepass',
    roblox_username: 'LeuwongUser',
    place_id: 123456789,
    roblox_pass_id: 98765,
    payment_method: 'invoice',
    client_reference: 'dc-response-size',
  },
} as const;

async function failure(promise: Promise<unknown>): Promise<UpstreamError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UpstreamError);
  return error as UpstreamError;
}

describe('an answer longer than the 256 KB the client reads', () => {
  for (const [status, withLength] of [
    [200, false],
    [503, false],
    [200, true],
    [503, true],
  ] as const) {
    it(`${status} ${withLength ? 'with' : 'without'} Content-Length: stops reading early, one attempt, outcome unknown`, async () => {
      server = await oversizedStore(status, withLength);
      const error = await failure(clientFor(server.url).createOrder({ ...order, body: { ...order.body } }));
      expect(error).toMatchObject({
        kind: 'bad_response',
        status,
        code: 'TOO_LARGE',
        retrySafe: false,
        definite: false,
      });
      // A 5xx is normally retried: one too large is not, the same request would bring the same answer.
      expect(server.requests).toBe(1);
      const current = server;
      await until(() => current.closed, 'the server to see the connection close');
      expect(server.finished).toBe(false);
      // Socket buffers on loopback hold a few MB; the whole answer is 128 MB.
      expect(server.written).toBeLessThan(TOTAL / 8);
    });
  }

  it('reads an answer just under the cap', async () => {
    const payload = JSON.stringify({ success: true, data: { balance: 'x'.repeat(CAP - 100) } });
    const small = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(payload);
    });
    await new Promise<void>((resolve) => small.listen(0, '127.0.0.1', resolve));
    const { port } = small.address() as AddressInfo;
    try {
      const error = await failure(clientFor(`http://127.0.0.1:${port}/api/v1`).getBalance('lrrs_v1_x_token'));
      // The body was read whole and parsed: the schema refuses it, not the size.
      expect(error.code).not.toBe('TOO_LARGE');
      expect(error.upstreamMessage).toContain('{"success":true');
    } finally {
      small.closeAllConnections();
      await new Promise<void>((resolve) =>
        small.close(() => {
          resolve();
        }),
      );
    }
  });
});
