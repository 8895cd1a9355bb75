import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { INLINED, inlinedPackages, type Lockfile } from '../../scripts/bundle.js';
import { readImageConfig } from '../../scripts/check-image/image-config.js';

const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');

describe('inlinedPackages', () => {
  const lock = (packages: Lockfile['packages']): Lockfile => ({ packages });

  it('is INLINED and what only they depend on, nested copies included', () => {
    const packages = inlinedPackages(
      lock({
        '': { dependencies: { zod: '^4', keyv: '^5', pino: '^10' } },
        'node_modules/zod': {},
        'node_modules/keyv': { dependencies: { '@keyv/serialize': '^1', shared: '^1' } },
        'node_modules/keyv/node_modules/shared': {},
        'node_modules/@keyv/serialize': {},
        'node_modules/pino': { dependencies: { shared: '^2' } },
        'node_modules/shared': {},
      }),
    );
    expect(packages).toEqual([
      'node_modules/@keyv/serialize',
      'node_modules/keyv',
      'node_modules/keyv/node_modules/shared',
      'node_modules/zod',
    ]);
  });

  it('keeps a package an external dependency also needs', () => {
    const packages = inlinedPackages(
      lock({
        '': { dependencies: { keyv: '^5', pino: '^10' } },
        'node_modules/keyv': { dependencies: { shared: '^1' } },
        'node_modules/pino': { dependencies: { shared: '^1' } },
        'node_modules/shared': {},
      }),
    );
    expect(packages).toEqual(['node_modules/keyv']);
  });
});

describe('the Dockerfile', () => {
  const dockerfile = read('Dockerfile');

  it('leaves out of node_modules exactly the packages the bundle carries', () => {
    const removed = /rm -rf (node_modules\/\S+(?: node_modules\/\S+)*)/.exec(dockerfile)?.[1]?.split(' ');
    const lock = JSON.parse(read('package-lock.json')) as Lockfile;
    expect(INLINED.length).toBeGreaterThan(0);
    expect([...(removed ?? [])].sort()).toEqual(inlinedPackages(lock));
  });

  it('builds on the Node image and runs on the Debian release it names', () => {
    const release = /^ARG DEBIAN_RELEASE=(\S+)$/m.exec(dockerfile)?.[1];
    expect(release).toBeDefined();
    expect(dockerfile).toContain('FROM node:${NODE_VERSION}-${DEBIAN_RELEASE}-slim AS build');
    expect(dockerfile).toContain('FROM debian:${DEBIAN_RELEASE}-slim\n');
  });
});

describe("the image check's reading of an image's configuration", () => {
  const dir = mkdtempSync(join(tmpdir(), 'lrr-image-config-'));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  mkdirSync(join(dir, 'etc'));
  writeFileSync(
    join(dir, 'etc/passwd'),
    'root:x:0:0:root:/root:/bin/bash\nnode:x:1000:1000::/home/node:/bin/bash\n',
  );
  const config = {
    User: 'node',
    Env: ['PATH=/usr/local/bin:/usr/bin', 'NODE_OPTIONS=--max-old-space-size=96', 'HEALTH_PORT=8080'],
    Entrypoint: ['/usr/bin/tini', '--'],
    Cmd: ['node', 'dist/bot/main.js'],
    WorkingDir: '/app',
    Volumes: { '/app/data': {} },
    Healthcheck: { Test: ['CMD', 'node', '-e', 'check()'], Timeout: 5e9 },
  };
  const read = (name: string, inspected: unknown) => {
    writeFileSync(join(dir, name), JSON.stringify(inspected));
    return readImageConfig(join(dir, name), dir);
  };

  it('reads `docker image inspect` and `buildah inspect` alike, as `docker run` would run the image', () => {
    const fromDocker = read('docker.json', [{ Id: 'sha256:0', Config: config }]);
    expect(fromDocker).toEqual({
      user: { name: 'node', uid: 1000, gid: 1000, home: '/home/node' },
      env: { PATH: '/usr/local/bin:/usr/bin', NODE_OPTIONS: '--max-old-space-size=96', HEALTH_PORT: '8080' },
      argv: ['/usr/bin/tini', '--', 'node', 'dist/bot/main.js'],
      cmd: ['node', 'dist/bot/main.js'],
      workdir: '/app',
      volumes: ['/app/data'],
      healthcheck: { argv: ['node', '-e', 'check()'], timeoutMs: 5000 },
    });
    expect(read('buildah.json', { Docker: { config } })).toEqual(fromDocker);
  });

  it('refuses an image without a USER, which would run as root', () => {
    expect(() => read('root.json', [{ Config: { ...config, User: '' } }])).toThrow(/no USER/);
  });
});
