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
