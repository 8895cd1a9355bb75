/**
 * Standalone LeuwongRR User API emulator.
 *   npx tsx tests/emulators/store/cli.ts [--port 0] [--link <discordId>] [--latency <ms>] [--no-rate-limit]
 */
import { parseArgs } from 'node:util';

import { startStoreEmulator } from './index.js';

export const SANDBOX_DEMO_TOKEN = 'lrrs_v1_sandbox_demo_token';
export const PRODUCTION_DEMO_TOKEN = 'lrrp_v1_production_demo_token';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    link: { type: 'string' },
    latency: { type: 'string', default: '0' },
    'no-rate-limit': { type: 'boolean', default: false },
  },
});

const emulator = await startStoreEmulator({
  port: Number(values.port),
  orderLatencyMs: Number(values.latency),
  ...(values['no-rate-limit'] ? { rateLimit: false as const } : {}),
  accounts: [
    { token: SANDBOX_DEMO_TOKEN, name: 'Sandbox Demo', email: 'sandbox@example.com' },
    {
      token: PRODUCTION_DEMO_TOKEN,
      name: 'Production Demo',
      email: 'production@example.com',
      balance: 50_000,
      linkedDiscordIds: values.link === undefined ? [] : [values.link],
    },
  ],
  onRequest: (r) => {
    // Never log the token: only method, path, status, timing, fault and non-secret headers.
    const key = r.headers['idempotency-key'];
    const parts = [
      new Date().toISOString(),
      r.method,
      r.url,
      r.status === 0 ? 'no-response' : String(r.status),
      `${(r.durationMs ?? 0).toFixed(1)}ms`,
      ...(key === undefined ? [] : [`idempotency-key=${key}`]),
      ...(r.fault === undefined ? [] : [`fault=${r.fault}`]),
    ];
    console.log(parts.join(' '));
  },
});

console.log(`LeuwongRR store emulator listening: ${emulator.baseUrl}`);
console.log(`  sandbox token:    ${SANDBOX_DEMO_TOKEN}`);
console.log(
  `  production token: ${PRODUCTION_DEMO_TOKEN} (balance 50000${values.link === undefined ? '' : `, linked Discord ID ${values.link}`})`,
);

const shutdown = (signal: string): void => {
  console.log(`received ${signal}, stopping`);
  emulator.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
