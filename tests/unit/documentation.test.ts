import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ENV_VARIABLES } from '../../src/config.js';

const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');

describe('every environment variable is documented', () => {
  const example = [...read('.env.example').matchAll(/^([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]);
  const readme = [...read('README.md').matchAll(/^\| `([A-Z][A-Z0-9_]+)`/gm)].map((m) => m[1]);

  it('.env.example lists exactly the variables the bot reads', () => {
    expect([...example].sort()).toEqual([...ENV_VARIABLES].sort());
  });

  it("the README's table lists the same variables", () => {
    expect([...readme].sort()).toEqual([...ENV_VARIABLES].sort());
  });
});

describe('the heap limit', () => {
  const start = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts.start ?? '';
  const heap = /--max-old-space-size=(\d+)/.exec(start)?.[1];

  it('is set by npm start before the operator’s own NODE_OPTIONS, which therefore win', () => {
    expect(heap).toBeDefined();
    expect(start).toMatch(
      /^NODE_OPTIONS="--max-old-space-size=\d+ \$NODE_OPTIONS" node dist\/bot\/main\.js$/,
    );
  });

  it('is the same in the Docker image and the README', () => {
    expect(read('Dockerfile')).toContain(`NODE_OPTIONS=--max-old-space-size=${heap ?? '?'} `);
    expect(read('README.md')).toContain(`--max-old-space-size=${heap ?? '?'}`);
  });
});
