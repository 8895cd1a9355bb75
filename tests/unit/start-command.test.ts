import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BOT_ENTRY, BOT_NODE_FLAGS, ROOT } from '../e2e/harness.js';

const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

/**
 * The end-to-end suite and the benchmark start the bot the way `npm start` and the Docker image
 * do; the flags live in three places, so they are checked to be the same.
 */
describe('the command that starts the bot', () => {
  const command = ['node', ...BOT_NODE_FLAGS, BOT_ENTRY];

  it('is npm start', () => {
    const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
    expect(pkg.scripts.start).toBe(command.join(' '));
  });

  it("is the Docker image's CMD", () => {
    const cmd = /^CMD (\[.*\])$/m.exec(read('Dockerfile'))?.[1];
    expect(cmd && (JSON.parse(cmd) as unknown)).toEqual(command);
  });
});
