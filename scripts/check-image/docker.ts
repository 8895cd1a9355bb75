/**
 * Runs the image with a Docker engine, as an operator does: `docker run` with a named volume at the
 * image's VOLUME and the host's network (the emulators listen on its 127.0.0.1), `docker exec`,
 * `docker stop`. The engine itself runs the HEALTHCHECK, every second instead of every 30 s.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { z } from 'zod';
import { BotProcess } from '../../tests/e2e/harness.js';
import { childrenOf } from './container.js';
import type { ImageConfig } from './image-config.js';
import { poll, type RunningImage } from './running.js';

const run = promisify(execFile);

async function docker(...args: string[]): Promise<string> {
  const { stdout } = await run('docker', args, { encoding: 'utf8' });
  return stdout.trim();
}

const healthSchema = z.object({
  Status: z.string(),
  Log: z.array(z.object({ ExitCode: z.number(), Output: z.string() })).nullable(),
});

/** `docker run IMAGE` with `env` (through an env file, so no value shows in a process list). */
export async function runWithDocker(
  image: string,
  config: ImageConfig,
  env: Record<string, string>,
): Promise<RunningImage> {
  const [target] = config.volumes;
  if (target === undefined) throw new Error('the image declares no VOLUME');
  const name = `leuwongrr-check-${process.pid}`;
  const dir = mkdtempSync(join(tmpdir(), 'check-image-env-'));
  const envFile = join(dir, 'env');
  writeFileSync(
    envFile,
    Object.entries(env)
      .map(([key, value]) => `${key}=${value}\n`)
      .join(''),
    { mode: 0o600 },
  );
  const child = spawn(
    'docker',
    [
      'run',
      '--name',
      name,
      '--network',
      'host',
      '--env-file',
      envFile,
      '--volume',
      `${name}:${target}`,
    ].concat(['--health-interval', '1s', image]),
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const bot = new BotProcess(child);
  const remove = async () => {
    rmSync(dir, { recursive: true, force: true });
    await docker('rm', '--force', '--volumes', name).catch(() => '');
    await docker('volume', 'rm', '--force', name).catch(() => '');
  };
  const initPid = await poll(async () => {
    if (!bot.alive) throw new Error(`the container did not start:\n${bot.output.join('\n')}`);
    const pid = Number(await docker('inspect', '--format', '{{.State.Pid}}', name).catch(() => '0'));
    return pid > 0 && childrenOf(pid).length > 0 ? pid : undefined;
  }, 'the container to start').catch(async (error: unknown) => {
    await remove();
    throw error;
  });
  return {
    bot,
    initPid,
    async healthcheck() {
      const health = await poll(async () => {
        const state = healthSchema.parse(
          JSON.parse(await docker('inspect', '--format', '{{json .State.Health}}', name)),
        );
        return state.Status === 'starting' ? undefined : state;
      }, 'the engine to run the HEALTHCHECK');
      const last = health.Log?.at(-1);
      return {
        ok: health.Status === 'healthy' && last?.ExitCode === 0,
        output: `: docker reports ${health.Status}, exit code ${String(last?.ExitCode)}`,
      };
    },
    async stat(path) {
      const out = await docker('exec', name, 'stat', '--format', '%u %g %s', path).catch(() => undefined);
      if (out === undefined) return undefined;
      const [uid, gid, size] = out.split(' ').map(Number);
      return { uid: uid ?? -1, gid: gid ?? -1, size: size ?? -1 };
    },
    stop() {
      // `docker stop` sends SIGTERM to PID 1 and SIGKILL after --time seconds.
      spawn('docker', ['stop', '--time', '10', name], { stdio: 'ignore' });
    },
    remove,
  };
}
