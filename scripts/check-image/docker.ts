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
import { BotProcess, until } from '../../tests/e2e/harness.js';
import { childrenOf } from './container.js';
import type { ImageConfig } from './image-config.js';
import type { RunningImage } from './running.js';

const run = promisify(execFile);

async function docker(...args: string[]): Promise<string> {
  const { stdout } = await run('docker', args, { encoding: 'utf8' });
  return stdout.trim();
}

const healthSchema = z.object({
  Status: z.string(),
  Log: z.array(z.object({ ExitCode: z.number(), Output: z.string() })).nullable(),
});

/** Writes `env` as a `docker run --env-file` file, readable by root alone; returns its folder. */
function writeEnvFile(env: Record<string, string>): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'check-image-env-'));
  const file = join(dir, 'env');
  const lines = Object.entries(env).map(([key, value]) => `${key}=${value}\n`);
  writeFileSync(file, lines.join(''), { mode: 0o600 });
  return { dir, file };
}

/** The engine's verdict on the image's HEALTHCHECK, once it has one. */
async function engineHealth(name: string): Promise<{ ok: boolean; output: string }> {
  const health = await until(async () => {
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
}

/** `docker run IMAGE` with `env` (through an env file, so no value shows in a process list). */
export async function runWithDocker(
  image: string,
  config: ImageConfig,
  env: Record<string, string>,
): Promise<RunningImage> {
  const [target] = config.volumes;
  if (target === undefined) throw new Error('the image declares no VOLUME');
  const name = `leuwongrr-check-${process.pid}`;
  const envFile = writeEnvFile(env);
  const args = ['run', '--name', name, '--network', 'host', '--env-file', envFile.file];
  args.push('--volume', `${name}:${target}`, '--health-interval', '1s', image);
  const bot = new BotProcess(spawn('docker', args, { stdio: ['ignore', 'pipe', 'pipe'] }));
  const remove = async () => {
    rmSync(envFile.dir, { recursive: true, force: true });
    await docker('rm', '--force', '--volumes', name).catch(() => '');
    await docker('volume', 'rm', '--force', name).catch(() => '');
  };
  const initPid = await until(async () => {
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
    healthcheck: () => engineHealth(name),
    async stat(path) {
      const out = await docker('exec', name, 'stat', '--format', '%u %g %s', path).catch(() => undefined);
      if (out === undefined) return undefined;
      const [uid = -1, gid = -1, size = -1] = out.split(' ').map(Number);
      return { uid, gid, size };
    },
    stop() {
      // `docker stop` sends SIGTERM to PID 1 and SIGKILL after --time seconds.
      spawn('docker', ['stop', '--time', '10', name], { stdio: 'ignore' });
    },
    remove,
  };
}
