/**
 * The run half of scripts/check-image.sh: starts the project's Discord and store emulators on
 * 127.0.0.1, runs the image's ENTRYPOINT and CMD against them (with a Docker engine, docker.ts, or
 * without one, container.ts), and checks what an operator relies on: /readyz, one /order through
 * the modal, the SQLite file on the volume owned by the image's user, the HEALTHCHECK command, and
 * SIGTERM → exit 0 within 10 s.
 *
 * Run: node --import tsx scripts/check-image/driver.ts docker ROOTFS INSPECT_JSON IMAGE
 *      node --import tsx scripts/check-image/driver.ts namespaces ROOTFS INSPECT_JSON VOLUME_DIR
 */
import { placeOrder } from '../../tests/e2e/flows.js';
import { freePort, startWorld, until, type World } from '../../tests/e2e/harness.js';
import { childrenOf, commandLine, namespacePid, processUid, runWithNamespaces } from './container.js';
import { runWithDocker } from './docker.js';
import { readImageConfig, type ImageConfig } from './image-config.js';
import { check, say } from './report.js';
import type { RunningImage } from './running.js';

const STOP_LIMIT_MS = 10_000;

async function checkProcesses(container: RunningImage, config: ImageConfig): Promise<void> {
  const { initPid } = container;
  check(namespacePid(initPid) === 1, `PID 1 is the ENTRYPOINT: ${commandLine(initPid).join(' ')}`);
  const node = await until(() => childrenOf(initPid)[0], 'the CMD process');
  check(
    commandLine(node).join(' ') === config.cmd.join(' '),
    `its child is the CMD: ${commandLine(node).join(' ')}`,
  );
  check(
    processUid(initPid) === config.user.uid && processUid(node) === config.user.uid,
    `both run as ${config.user.name} (uid ${config.user.uid})`,
  );
}

async function checkReady(env: Record<string, string | undefined>): Promise<void> {
  const url = `http://${env.HEALTH_HOST ?? ''}:${env.HEALTH_PORT ?? ''}/readyz`;
  let last = 'no answer';
  const ready = await until(async () => {
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

async function checkDatabase(container: RunningImage, config: ImageConfig): Promise<void> {
  const path = `${config.volumes[0] ?? ''}/bot.sqlite`;
  const stat = await container.stat(path);
  check(stat !== undefined, `the SQLite file is on the volume (${path})`);
  check(
    stat?.uid === config.user.uid && stat.gid === config.user.gid,
    `it is owned by ${config.user.name} (${stat?.uid}:${stat?.gid}), ${stat?.size} bytes`,
  );
}

async function checkHealthcheck(container: RunningImage, config: ImageConfig): Promise<void> {
  const { ok, output } = await container.healthcheck();
  check(ok, `the HEALTHCHECK command exits 0 (${config.healthcheck.argv.slice(0, 2).join(' ')} …)${output}`);
}

async function checkStop(container: RunningImage): Promise<void> {
  const started = Date.now();
  container.stop();
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
  const [runner, rootfs, configPath, target] = process.argv.slice(2);
  if ((runner !== 'docker' && runner !== 'namespaces') || !rootfs || !configPath || !target)
    throw new Error('usage: driver.ts docker|namespaces ROOTFS INSPECT_JSON IMAGE|VOLUME_DIR');
  const config = readImageConfig(configPath, rootfs);
  say(`  image: USER ${config.user.name}, WORKDIR ${config.workdir}, VOLUME ${config.volumes.join(' ')}`);
  say(`  ENTRYPOINT + CMD: ${config.argv.join(' ')}`);
  const world = await startWorld({ env: { LOG_LEVEL: 'info' } });
  let container: RunningImage | undefined;
  try {
    // The image's default STORE_URL (sqlite:data/bot.sqlite under WORKDIR) is what is checked.
    const { STORE_URL: _own, ...env } = world.env;
    // On the host's network the image's health port (8080) may be taken: it gets a free one.
    if (runner === 'docker') env.HEALTH_PORT = String(await freePort());
    say(`  emulators: Discord ${world.discord.apiUrl}, store ${world.store.baseUrl}`);
    container =
      runner === 'docker'
        ? await runWithDocker(target, config, env)
        : await runWithNamespaces(rootfs, config, target, env);
    world.bots.push(container.bot);
    await container.bot.ready();
    await checkProcesses(container, config);
    await checkReady({ ...config.env, ...env });
    await checkOrder(world);
    await checkDatabase(container, config);
    await checkHealthcheck(container, config);
    await checkStop(container);
  } finally {
    await container?.remove();
    await world.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`FAIL: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
