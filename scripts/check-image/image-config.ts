/**
 * The image's run configuration (the Docker config in what `docker image inspect` or
 * `buildah inspect --type image` prints), and what `docker run` derives from it: the user's uid and gid from the image's own /etc/passwd,
 * the environment, the command line, the health check.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const configSchema = z.object({
  User: z.string().min(1, 'the image has no USER: it would run as root'),
  Env: z.array(z.string()),
  Entrypoint: z.array(z.string()).nullable(),
  Cmd: z.array(z.string()).nullable(),
  WorkingDir: z.string().min(1),
  Volumes: z.record(z.string(), z.unknown()).nullable(),
  Healthcheck: z.object({
    Test: z.array(z.string()).min(2),
    Timeout: z.number().optional(),
  }),
});

export interface ImageConfig {
  user: { name: string; uid: number; gid: number; home: string };
  env: Record<string, string>;
  /** ENTRYPOINT followed by CMD, as `docker run IMAGE` executes it. */
  argv: string[];
  /** CMD alone: what the ENTRYPOINT (tini) starts as its child. */
  cmd: string[];
  workdir: string;
  volumes: string[];
  healthcheck: { argv: string[]; timeoutMs: number };
}

/** The passwd entry of `user` (a name or a uid) in the image's /etc/passwd. */
function passwdEntry(rootfs: string, user: string): ImageConfig['user'] {
  const lines = readFileSync(join(rootfs, 'etc/passwd'), 'utf8').split('\n');
  for (const line of lines) {
    const [name, , uid, gid, , home] = line.split(':');
    if (name === undefined || uid === undefined || gid === undefined || home === undefined) continue;
    if (name === user || uid === user) return { name, uid: Number(uid), gid: Number(gid), home };
  }
  throw new Error(`the image's USER ${user} is not in its /etc/passwd`);
}

/** A HEALTHCHECK's test as the command line Docker executes. */
function healthcheckArgv(test: string[]): string[] {
  const [kind, ...rest] = test;
  if (kind === 'CMD') return rest;
  if (kind === 'CMD-SHELL') return ['/bin/sh', '-c', rest.join(' ')];
  throw new Error(`unsupported HEALTHCHECK test ${JSON.stringify(test)}`);
}

/** `docker image inspect` prints a list of images; `buildah inspect` one image. */
const inspected = z.union([
  z.tuple([z.object({ Config: configSchema })]).transform(([image]) => image.Config),
  z.object({ Docker: z.object({ config: configSchema }) }).transform((image) => image.Docker.config),
]);

/** The configuration in `docker image inspect` or `buildah inspect` output, with the user from `rootfs`. */
export function readImageConfig(inspectPath: string, rootfs: string): ImageConfig {
  const raw = inspected.parse(JSON.parse(readFileSync(inspectPath, 'utf8')));
  const env: Record<string, string> = {};
  for (const entry of raw.Env) {
    const equals = entry.indexOf('=');
    env[entry.slice(0, equals)] = entry.slice(equals + 1);
  }
  return {
    user: passwdEntry(rootfs, raw.User.split(':')[0] ?? raw.User),
    env,
    argv: [...(raw.Entrypoint ?? []), ...(raw.Cmd ?? [])],
    cmd: raw.Cmd ?? [],
    workdir: raw.WorkingDir,
    volumes: Object.keys(raw.Volumes ?? {}),
    healthcheck: {
      argv: healthcheckArgv(raw.Healthcheck.Test),
      timeoutMs: (raw.Healthcheck.Timeout ?? 30e9) / 1e6,
    },
  };
}
