/**
 * Runs a mounted image the way a container runtime does, with util-linux alone: a PID namespace
 * whose PID 1 is the image's ENTRYPOINT, a mount namespace with /dev, /proc and the volume, the
 * root changed to the image, the image's USER, WORKDIR and ENV. The network is the caller's.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { BotProcess } from '../../tests/e2e/harness.js';
import type { ImageConfig } from './image-config.js';
import type { RunningImage } from './running.js';

/** Device nodes a container runtime gives every container. */
const DEVICES = ['null', 'zero', 'full', 'random', 'urandom', 'tty'];

/**
 * Runs as PID 1 of the new namespaces, as root: mounts a /dev of DEVICES, /proc and the volume
 * into the image, then becomes the image's process (`unshare --root` changes the root, the
 * working directory and the user, then executes the command, which stays PID 1).
 */
const SETUP = `set -e
root=$1 volume=$2 target=$3 uid=$4 gid=$5 workdir=$6; shift 6
mount -t tmpfs -o nosuid,mode=755 tmpfs "$root/dev"
for device in ${DEVICES.join(' ')}; do
  touch "$root/dev/$device" && mount --bind "/dev/$device" "$root/dev/$device"
done
mount -t proc proc "$root/proc"
mount --bind "$volume" "$root$target"
exec unshare --root="$root" --wd="$workdir" --setuid "$uid" --setgid "$gid" -- "$@"`;

interface Container {
  bot: BotProcess;
  /** The host's pid of the container's PID 1 (the ENTRYPOINT), as `docker stop` signals it. */
  initPid: number;
}

/** The environment `docker run -e …` gives the process: the image's ENV, HOME, then `extra`. */
export function containerEnv(config: ImageConfig, extra: Record<string, string>): Record<string, string> {
  return { HOSTNAME: 'check-image', HOME: config.user.home, ...config.env, ...extra };
}

/** The children of a process, from /proc. */
export function childrenOf(pid: number): number[] {
  try {
    const text = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
    return text === '' ? [] : text.split(' ').map(Number);
  } catch {
    return [];
  }
}

/** A process's command line, from /proc. */
export function commandLine(pid: number): string[] {
  return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').slice(0, -1);
}

/** Starts the image's ENTRYPOINT + CMD with the volume `volume` at the image's VOLUME. */
function startContainer(
  rootfs: string,
  config: ImageConfig,
  volume: string,
  extraEnv: Record<string, string>,
): Promise<Container> {
  const [target] = config.volumes;
  if (target === undefined) throw new Error('the image declares no VOLUME');
  const { uid, gid } = config.user;
  const child = spawn(
    'unshare',
    ['--pid', '--fork', '--kill-child', '--mount', '--propagation', 'private', '--'].concat(
      ['sh', '-c', SETUP, 'sh', rootfs, volume, target, String(uid), String(gid), config.workdir],
      config.argv,
    ),
    { env: containerEnv(config, extraEnv), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const bot = new BotProcess(child);
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = () => {
      const pid = child.pid === undefined ? undefined : childrenOf(child.pid)[0];
      if (pid !== undefined && commandLine(pid).join(' ') === config.argv.join(' ')) {
        resolve({ bot, initPid: pid });
      } else if (!bot.alive || Date.now() - started > 10_000) {
        reject(new Error(`the container did not start:\n${bot.output.join('\n')}`));
      } else setTimeout(poll, 20);
    };
    poll();
  });
}

/**
 * Runs `argv` inside the running container as `docker exec` (and Docker's health check) does:
 * in its mount and PID namespaces, as its user, in its working directory, with its environment.
 */
function execInContainer(
  container: Container,
  rootfs: string,
  config: ImageConfig,
  argv: string[],
  env: Record<string, string>,
  timeoutMs: number,
): { status: number | null; output: string } {
  const { uid, gid } = config.user;
  const result = spawnSync(
    'nsenter',
    [`--target=${container.initPid}`, '--mount', '--pid', '--'].concat(
      ['unshare', `--root=${rootfs}`, `--wd=${config.workdir}`, '--setuid', String(uid)],
      ['--setgid', String(gid), '--'],
      argv,
    ),
    { env, timeout: timeoutMs, encoding: 'utf8' },
  );
  return { status: result.status, output: `${result.stdout}${result.stderr}`.trim() };
}

/** The uid of a running process, from /proc. */
export function processUid(pid: number): number {
  const line = readFileSync(join('/proc', String(pid), 'status'), 'utf8')
    .split('\n')
    .find((l) => l.startsWith('Uid:'));
  return Number(line?.split(/\s+/)[1]);
}

/** The pid a process has in its own namespace (the last NSpid field; 1 for a namespace's init). */
export function namespacePid(pid: number): number {
  const line = readFileSync(join('/proc', String(pid), 'status'), 'utf8')
    .split('\n')
    .find((l) => l.startsWith('NSpid:'));
  return Number(line?.trim().split(/\s+/).at(-1));
}

/** The volume as `docker volume create` + first mount makes it: empty, owned like the image's path. */
function makeVolume(rootfs: string, target: string, volume: string): void {
  const owner = statSync(join(rootfs, target));
  mkdirSync(volume, { recursive: true });
  chownSync(volume, owner.uid, owner.gid);
}

/**
 * Runs the mounted image at `rootfs` with the directory `volume` as its VOLUME, in the caller's
 * network namespace.
 */
export async function runWithNamespaces(
  rootfs: string,
  config: ImageConfig,
  volume: string,
  extraEnv: Record<string, string>,
): Promise<RunningImage> {
  const [target] = config.volumes;
  if (target === undefined) throw new Error('the image declares no VOLUME');
  makeVolume(rootfs, target, volume);
  const container = await startContainer(rootfs, config, volume, extraEnv);
  return {
    ...container,
    healthcheck() {
      const { argv, timeoutMs } = config.healthcheck;
      const env = containerEnv(config, extraEnv);
      const result = execInContainer(container, rootfs, config, argv, env, timeoutMs);
      return Promise.resolve({ ok: result.status === 0, output: result.output });
    },
    stat(path) {
      const file = join(volume, relative(target, path));
      if (!path.startsWith(`${target}/`) || !existsSync(file)) return Promise.resolve(undefined);
      const { uid, gid, size } = statSync(file);
      return Promise.resolve({ uid, gid, size });
    },
    stop() {
      process.kill(container.initPid, 'SIGTERM');
    },
    remove: () => Promise.resolve(),
  };
}
