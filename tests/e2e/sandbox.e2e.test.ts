import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT } from './harness.js';

/** Runs `npm run sandbox` (without its bundle step) and returns its exit code and output. */
async function play(args: readonly string[] = []): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/sandbox/run.ts', ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, output };
}

describe('npm run sandbox', () => {
  it('plays the scripted session and prints what each user sees', async () => {
    const { code, output } = await play();
    expect(code, output).toBe(0);
    expect(output).toContain('┃ Invoice INV');
    expect(output).toContain('Jenis order: VIP server');
    expect(output).toContain('Akun Discord kamu belum tersambung');
    expect(output).toContain('Place is a share link');
    expect(output).toContain('[ Retry ]');
    expect(output).toContain('types /orders');
    expect(output).toContain('Your orders (page 1 of 1)');
    expect(output).toContain('types /pesanan');
    expect(output).toContain('Pesanan kamu (halaman 1 dari 1)');
    expect(output).toMatch(/Orders the store received: 4; one per order, none twice\./);
  }, 60_000);

  it('plays the same session in Indonesian with --id', async () => {
    const { code, output } = await play(['--id']);
    expect(code, output).toBe(0);
    expect(output).toContain('types /order-saldo');
    expect(output).toContain('Ada yang perlu diperbaiki (order belum dikirim):');
    expect(output).toContain('Place berisi link share');
    expect(output).toContain('[ Ubah dan kirim ulang ]');
    expect(output).toContain('tekan Coba lagi');
    expect(output).toContain('[ Coba lagi ]');
    expect(output).toContain('types /pesanan');
    expect(output).not.toContain('Your orders');
    expect(output).not.toMatch(/Waiting for payment|Edit and resubmit|\[ Retry \]/);
    expect(output).toMatch(/Orders the store received: 4; one per order, none twice\./);
  }, 60_000);
});
