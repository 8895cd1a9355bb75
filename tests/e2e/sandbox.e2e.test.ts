import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT } from './harness.js';

describe('npm run sandbox', () => {
  it('plays the scripted session and prints what each user sees', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/sandbox/run.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code, output).toBe(0);
    expect(output).toContain('┃ Invoice INV');
    expect(output).toContain('Jenis order: VIP server');
    expect(output).toContain('Akun Discord kamu belum tersambung');
    expect(output).toContain('Place is a share link');
    expect(output).toContain('[ Retry ]');
    expect(output).toMatch(/Orders the store received: 4; one per order, none twice\./);
  }, 60_000);
});
