import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { INLINED, inlinedPackages, type Lockfile } from '../../scripts/bundle.js';

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
