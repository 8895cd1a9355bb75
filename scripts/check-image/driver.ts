/**
 * The run half of scripts/check-image.sh: starts the project's Discord and store emulators on
 * 127.0.0.1, runs the mounted image's ENTRYPOINT and CMD against them (container.ts), and checks
 * what an operator relies on: /readyz, one /order through the modal, the SQLite file on the
 * volume owned by the image's user, the HEALTHCHECK command, and SIGTERM → exit 0 within 10 s.
 *
 * Run: node --import tsx scripts/check-image/driver.ts ROOTFS INSPECT_JSON VOLUME_DIR
 */
import { chownSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { placeOrder } from '../../tests/e2e/flows.js';
import { startWorld, type World } from '../../tests/e2e/harness.js';
import {
  childrenOf,
  commandLine,
  containerEnv,
  execInContainer,
  namespacePid,
  processUid,
  startContainer,
  type Container,
} from './container.js';
import { readImageConfig, type ImageConfig } from './image-config.js';

const STOP_LIMIT_MS = 10_000;

function say(text: string): void {
  process.stdout.write(`${text}\n`);
}

function check(condition: boolean, what: string): void {
  if (!condition) throw new Error(`check failed: ${what}`);
  say(`  ok  ${what}`);
}

/** Polls `probe` every 100 ms until it returns a value, or fails after `timeoutMs`. */
async function poll<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The volume as `docker volume create` + first mount makes it: empty, owned like the image's path. */
function makeVolume(rootfs: string, config: ImageConfig, volume: string): void {
  const [target] = config.volumes;
  if (target === undefined) throw new Error('the image declares no VOLUME');
  const owner = statSync(join(rootfs, target));
  mkdirSync(volume, { recursive: true });
  chownSync(volume, owner.uid, owner.gid);
}

async function checkProcesses(container: Container, config: ImageConfig): Promise<void> {
  const { initPid } = container;
  check(namespacePid(initPid) === 1, `PID 1 is the ENTRYPOINT: ${commandLine(initPid).join(' ')}`);
  const node = await poll(async () => Promise.resolve(childrenOf(initPid)[0]), 'the CMD process');
  check(
    commandLine(node).join(' ') === config.cmd.join(' '),
    `its child is the CMD: ${commandLine(node).join(' ')}`,
  );
  check(
    processUid(initPid) === config.user.uid && processUid(node) === config.user.uid,
    `both run as ${config.user.name} (uid ${config.user.uid})`,
  );
}

async function checkReady(config: ImageConfig): Promise<void> {
  const url = `http://${config.env.HEALTH_HOST ?? ''}:${config.env.HEALTH_PORT ?? ''}/readyz`;
  let last = 'no answer';
  const ready = await poll(async () => {
    const response = await fetch(url).catch((error: unknown) => {
      last = String(error);
      return undefined;
    });
    if (response !== undefined) last = `${response.status} ${await response.text()}`;
    return response?.status === 200 ? true : undefined;
  }, `${url} to answer 200 (last: ${last})`).catch(() => false);
  check(ready, `GET ${url} answers 200 (${last})`);
}

async function checkOrder(world: World): Promise<void> {
  const flow = await placeOrder(world);
  const title = flow.reply.embeds?.[0]?.title ?? '';
  const invoice = world.store.ledger[0]?.invoiceCode ?? '(none)';
  check(world.store.ledger.length === 1, `one order reached the store: ${invoice}`);
  check(title.includes(invoice), `the user's private reply is the invoice: "${title}"`);
}

function checkDatabase(config: ImageConfig, volume: string): void {
  const file = join(volume, 'bot.sqlite');
  check(existsSync(file), `the SQLite file is on the volume (${config.volumes[0] ?? ''}/bot.sqlite)`);
  const stat = statSync(file);
  check(
    stat.uid === config.user.uid && stat.gid === config.user.gid,
    `it is owned by ${config.user.name} (${stat.uid}:${stat.gid}), ${stat.size} bytes`,
  );
}

function checkHealthcheck(
  container: Container,
  rootfs: string,
  config: ImageConfig,
  env: Record<string, string>,
) {
  const { argv, timeoutMs } = config.healthcheck;
  const result = execInContainer(container, rootfs, config, argv, env, timeoutMs);
  check(
    result.status === 0,
    `the HEALTHCHECK command exits 0 (${argv.slice(0, 2).join(' ')} …)${result.output}`,
  );
}

async function checkStop(container: Container): Promise<void> {
  const started = Date.now();
  process.kill(container.initPid, 'SIGTERM');
  const exit = await Promise.race([
    container.bot.exited,
    new Promise<undefined>((resolve) => {
      setTimeout(() => {
        resolve(undefined);
      }, STOP_LIMIT_MS);
    }),
  ]);
  const elapsed = Date.now() - started;
  check(exit !== undefined, `SIGTERM to PID 1 ends the container within ${STOP_LIMIT_MS / 1000} s`);
  check(exit?.code === 0, `exit code ${String(exit?.code)} after ${elapsed} ms`);
  const last = container.bot.logs.at(-1);
  say(`      the bot's last log line: ${last?.msg ?? '(none)'}`);
}

async function main(): Promise<void> {
  const [rootfs, configPath, volume] = process.argv.slice(2);
  if (rootfs === undefined || configPath === undefined || volume === undefined)
    throw new Error('usage: driver.ts ROOTFS INSPECT_JSON VOLUME_DIR');
  const config = readImageConfig(configPath, rootfs);
  say(`  image: USER ${config.user.name}, WORKDIR ${config.workdir}, VOLUME ${config.volumes.join(' ')}`);
  say(`  ENTRYPOINT + CMD: ${config.argv.join(' ')}`);
  makeVolume(rootfs, config, volume);
  const world = await startWorld({ env: { LOG_LEVEL: 'info' } });
  try {
    // The image's default STORE_URL (sqlite:data/bot.sqlite under WORKDIR) is what is checked.
    const { STORE_URL: _own, ...runEnv } = world.env;
    const env: Record<string, string> = { ...runEnv };
    say(`  emulators: Discord ${world.discord.apiUrl}, store ${world.store.baseUrl}`);
    const container = await startContainer(rootfs, config, volume, env);
    world.bots.push(container.bot);
    await container.bot.ready();
    await checkProcesses(container, config);
    await checkReady(config);
    await checkOrder(world);
    checkDatabase(config, volume);
    checkHealthcheck(container, rootfs, config, containerEnv(config, env));
    await checkStop(container);
  } finally {
    await world.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`FAIL: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
