import { PassThrough } from 'node:stream';
import { setImmediate as tick } from 'node:timers/promises';

import { describe, expect, it } from 'vitest';

import { addSecret, createLogger, removeSecret, scrub } from '../../src/logger.js';

const DISCORD_TOKEN = 'MTI2MjAyNDE0ODkzOTQ0MDI0OQ.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789';
const STORE_TOKEN = 'lrrs_v1_9f8e7d6c5b4a39281706f5e4d3c2b1a0';
const INTERACTION_TOKEN = 'aW50ZXJhY3Rpb246MTI2MjAyNDE0ODkzOTQ0MDI0OTpzZWNyZXRpbnRlcmFjdGlvbnRva2Vu';

describe('scrub', () => {
  it('removes every occurrence of every given secret', () => {
    const text = `a ${STORE_TOKEN} b ${DISCORD_TOKEN} c ${STORE_TOKEN}`;
    expect(scrub(text, [STORE_TOKEN, DISCORD_TOKEN])).toBe('a [redacted] b [redacted] c [redacted]');
  });

  it('leaves text without secrets alone', () => {
    const text = 'order placed for LeuwongUser: place 920587237, pass 12345, invoice INV202605010001';
    expect(scrub(text, [STORE_TOKEN])).toBe(text);
  });

  it('ignores empty and very short secrets instead of shredding the text', () => {
    expect(scrub('the order is ready', ['', 'e', 'or'])).toBe('the order is ready');
  });

  it('removes the interaction token from an interaction callback URL, keeping the ID', () => {
    const url = `https://discord.com/api/v10/interactions/1262024148939440249/${INTERACTION_TOKEN}/callback`;
    expect(scrub(`POST ${url} failed`, [])).toBe(
      'POST https://discord.com/api/v10/interactions/1262024148939440249/[redacted]/callback failed',
    );
  });

  it('removes the interaction token from webhook URLs (original message and follow-ups)', () => {
    expect(
      scrub(`PATCH /api/v10/webhooks/1262024148939440250/${INTERACTION_TOKEN}/messages/@original`, []),
    ).toBe('PATCH /api/v10/webhooks/1262024148939440250/[redacted]/messages/@original');
    expect(scrub(`POST /webhooks/1262024148939440250/${INTERACTION_TOKEN}?wait=true`, [])).toBe(
      'POST /webhooks/1262024148939440250/[redacted]?wait=true',
    );
    expect(scrub(`"url":"https://discord.com/api/webhooks/1/${INTERACTION_TOKEN}"`, [])).toBe(
      '"url":"https://discord.com/api/webhooks/1/[redacted]"',
    );
  });

  it('removes Bearer and Bot credentials it was not told about', () => {
    expect(scrub('Authorization: Bearer lrrp_v1_someoneelsestoken', [])).toBe(
      'Authorization: Bearer [redacted]',
    );
    expect(scrub(`authorization: Bot ${DISCORD_TOKEN}`, [])).toBe('authorization: Bot [redacted]');
    expect(scrub('Bearer abc.def-ghi_jkl~mno+pqr/stu==', [])).toBe('Bearer [redacted]');
  });
});

async function capture(
  log: (logger: ReturnType<typeof createLogger>) => void,
  secrets: string[] = [DISCORD_TOKEN, STORE_TOKEN],
): Promise<{ text: string; lines: Record<string, unknown>[] }> {
  const destination = new PassThrough();
  const chunks: string[] = [];
  destination.on('data', (chunk: Buffer | string) => chunks.push(String(chunk)));
  const logger = createLogger({ level: 'trace', secrets, destination });
  log(logger);
  logger.flush();
  await tick();
  await tick();
  const text = chunks.join('');
  const lines = text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { text, lines };
}

describe('createLogger', () => {
  it('writes one JSON line per call, with the service name', async () => {
    const { lines } = await capture((log) => {
      log.info({ invoice: 'INV1' }, 'order placed');
      log.debug('debugging');
    });
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ service: 'leuwongrr-order-bot', invoice: 'INV1', msg: 'order placed' });
  });

  it('respects the level', async () => {
    const destination = new PassThrough();
    const chunks: string[] = [];
    destination.on('data', (chunk: Buffer | string) => chunks.push(String(chunk)));
    const logger = createLogger({ level: 'warn', secrets: [], destination });
    logger.info('hidden');
    logger.warn('shown');
    await tick();
    expect(chunks.join('')).not.toContain('hidden');
    expect(chunks.join('')).toContain('shown');
  });

  it('never writes a secret carried in an error message or stack', async () => {
    const { text, lines } = await capture((log) => {
      const error = new Error(`request with token ${STORE_TOKEN} failed`);
      log.error({ err: error }, 'store call failed');
      log.error({ err: new TypeError(`bad token ${DISCORD_TOKEN}`, { cause: new Error(STORE_TOKEN) }) }, 'x');
    });
    expect(text).not.toContain(STORE_TOKEN);
    expect(text).not.toContain(DISCORD_TOKEN);
    expect(lines[0]).toMatchObject({ err: { message: 'request with token [redacted] failed' } });
  });

  it('never writes a secret nested deep in an object or array', async () => {
    const { text } = await capture((log) => {
      log.info(
        { request: { config: { apiToken: STORE_TOKEN, list: [{ deeper: [`x${DISCORD_TOKEN}y`] }] } } },
        'nested',
      );
      log.warn(`message text with ${STORE_TOKEN}`);
      log.info(
        { token: 'a-token-nobody-registered', nested: { token: 'another-unregistered-one' } },
        'token keys',
      );
    });
    expect(text).not.toContain(STORE_TOKEN);
    expect(text).not.toContain(DISCORD_TOKEN);
    expect(text).not.toContain('a-token-nobody-registered');
    expect(text).not.toContain('another-unregistered-one');
  });

  it('never writes an authorization header, at any depth, registered or not', async () => {
    const { text } = await capture((log) => {
      log.info({ authorization: `Bearer ${STORE_TOKEN}` }, 'top');
      log.info({ headers: { authorization: `Bot ${DISCORD_TOKEN}` } }, 'headers');
      log.info({ request: { headers: { authorization: 'Bearer lrrp_v1_unregisteredtoken' } } }, 'request');
      log.info({ a: { b: { headers: { authorization: `Bearer ${STORE_TOKEN}` } } } }, 'deep');
      log.info({ headers: { 'x-user-api-token': 'unregistered-fallback-header' } }, 'fallback');
      log.info({ a: { b: { c: { auth: 'Bearer unregistereddeeptoken' } } } }, 'deeper');
    });
    expect(text).not.toContain(STORE_TOKEN);
    expect(text).not.toContain(DISCORD_TOKEN);
    expect(text).not.toContain('unregisteredtoken');
    expect(text).not.toContain('unregistered-fallback-header');
    expect(text).not.toContain('unregistereddeeptoken');
  });

  it('never writes an interaction token from a Discord URL', async () => {
    const { text } = await capture((log) => {
      log.error(
        { err: new Error(`404 on /interactions/1262024148939440249/${INTERACTION_TOKEN}/callback`) },
        'reply failed',
      );
      log.warn(
        { url: `/webhooks/1262024148939440250/${INTERACTION_TOKEN}/messages/@original` },
        'edit failed',
      );
    });
    expect(text).not.toContain(INTERACTION_TOKEN);
  });

  it('also scrubs a secret registered after the logger was created', async () => {
    const personal = 'lrrp_v1_memberpersonaltoken123';
    const secrets = [STORE_TOKEN];
    const { text } = await capture((log) => {
      addSecret(secrets, personal);
      addSecret(secrets, personal);
      log.info({ value: personal }, 'personal token');
    }, secrets);
    expect(secrets).toEqual([STORE_TOKEN, personal]);
    expect(text).not.toContain(personal);
  });
});

describe('secrets in their JSON-escaped forms', () => {
  // Not shaped like a LeuwongRR token, so only the list of secrets can catch it.
  const QUOTED = 'pa"ss\\word\u0001é-secret';

  it('scrubs a secret as pino writes it in a field, and inside serialized JSON in a field', async () => {
    const { text, lines } = await capture(
      (log) => {
        log.info({ value: QUOTED }, 'in a field');
        log.info({ body: JSON.stringify({ token: QUOTED }) }, 'in serialized JSON');
        log.error({ err: new Error(`refused ${QUOTED}`) }, 'in an error');
      },
      [QUOTED],
    );
    expect(text).not.toContain(JSON.stringify(QUOTED).slice(1, -1));
    expect(text).not.toContain('pa\\"ss');
    expect(lines[0]).toMatchObject({ value: '[redacted]' });
    expect(lines[1]).toMatchObject({ body: '{"token":"[redacted]"}' });
    expect(lines[2]).toMatchObject({ err: { message: 'refused [redacted]' } });
    expect(text).not.toContain('word');
  });

  it('scrubs each form directly', () => {
    const once = JSON.stringify(QUOTED).slice(1, -1);
    const twice = JSON.stringify(once).slice(1, -1);
    expect(scrub(`a ${QUOTED} b ${once} c ${twice} d`, [QUOTED])).toBe(
      'a [redacted] b [redacted] c [redacted] d',
    );
    const lone = 'abc\ud800defgh';
    expect(scrub(JSON.stringify({ v: lone }), [lone])).toBe('{"v":"[redacted]"}');
  });
});

describe('removeSecret', () => {
  it('takes a member’s token off the list, never one of the operator’s', () => {
    const member = 'lrrp_v1_membertoken_leaving';
    const secrets = [DISCORD_TOKEN, STORE_TOKEN];
    addSecret(secrets, member);
    removeSecret(secrets, member, [DISCORD_TOKEN, STORE_TOKEN]);
    expect(secrets).toEqual([DISCORD_TOKEN, STORE_TOKEN]);
    // A member who pasted the shop's own token and unlinks it: the shop's token stays listed.
    removeSecret(secrets, STORE_TOKEN, [DISCORD_TOKEN, STORE_TOKEN]);
    expect(secrets).toEqual([DISCORD_TOKEN, STORE_TOKEN]);
  });
});
