/**
 * `npm run bench`: the bot beside the floor (bench/floor.ts) on the test suite's emulators, bot
 * and floor in turn at every step. Method and knobs: bench/README.md. Prints the table and writes
 * bench/results/latest.json; exits 0 whether or not the targets are met, 1 if the harness fails.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SANDBOX_TOKEN } from '../tests/e2e/harness.js';
import { buildFloorFixture } from './fixture.js';
import { KINDS, launch, type Kind, type Target } from './launch.js';
import { cpuSeconds, lowestRss, peakRssDuring, settle } from './proc.js';
import { report, type Figures } from './report.js';
import { peakInWindow } from './stats.js';
import { startStoreThread, type StoreThread } from './store-thread.js';
import { burst, presses, sequence } from './workloads.js';

const FULL = process.env.BENCH_FULL === '1';

/**
 * What runs. The sequence's pace keeps each process under the bot's limit of 10,000 orders a
 * minute: a chunk takes at least 5 s (1,250 orders at 250/s) and the other process's chunk as
 * long, so any minute holds at most 6 chunks of one process, 7,500 orders.
 */
const PLAN = {
  burst: { users: 500, rounds: FULL ? 8 : 3, storeLatenciesMs: [0, 2000] },
  sequence: { orders: 10_000, chunks: 8, perSecond: 250, concurrency: 16, warmup: 200, rssWindowMs: 20_000 },
  startup: { guilds: 2000, starts: FULL ? 15 : 7 },
  // The watch's share of LEUWONG_READS_PER_MINUTE's default 60: all but a fifth.
  presses: { pending: 200, presses: 20, watchShare: 48 },
};

const began = performance.now();
const progress = (message: string) => {
  process.stderr.write(
    `[bench ${((performance.now() - began) / 1000).toFixed(0).padStart(3)} s] ${message}\n`,
  );
};

const scratch = mkdtempSync(join(tmpdir(), 'lrr-bench-'));
const fixturePath = join(scratch, 'floor-fixture.json');
const peaks: Figures['peaks'] = { bot: 0, floor: 0 };

/** A store answering in `orderLatencyMs`, for `work`. */
async function withStore<T>(orderLatencyMs: number, work: (store: StoreThread) => Promise<T>): Promise<T> {
  const store = await startStoreThread({ orderLatencyMs, token: SANDBOX_TOKEN });
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/** The bot and the floor started against `store` for `work`, then stopped. */
async function withBoth<T>(
  store: StoreThread,
  work: (targets: Record<Kind, Target>) => Promise<T>,
): Promise<T> {
  const started: Target[] = [];
  try {
    for (const kind of KINDS) started.push(await launch(kind, { guilds: 1, store, fixturePath }));
    const [bot, floor] = started as [Target, Target];
    return await work({ bot, floor });
  } finally {
    for (const target of started) await stopCounted(target);
  }
}

/** Stops a process, counting the orders it was sent in its busiest minute into `peaks`. */
async function stopCounted(target: Target): Promise<void> {
  peaks[target.kind] = Math.max(peaks[target.kind], peakInWindow(target.submitted, 60_000));
  await target.stop();
}

/**
 * Rounds 0 (the warm-up) to `rounds`, the bot's turn then the floor's in each, so that a drift of
 * the shared machine weighs on both alike; `after` runs at the end of each round.
 */
async function inTurn(
  rounds: number,
  what: string,
  turn: (kind: Kind, round: number) => Promise<void>,
  after?: (round: number) => Promise<void>,
) {
  for (let round = 0; round <= rounds; round++) {
    for (const kind of KINDS) await turn(kind, round);
    await after?.(round);
    progress(`  ${what} ${round} of ${rounds}${round === 0 ? ' (warm-up)' : ''}`);
  }
}

/** A burst per turn, each process given time to settle after its own. */
function runBursts(storeLatencyMs: number): Promise<Figures['bursts'][number]> {
  return withStore(storeLatencyMs, (store) =>
    withBoth(store, async (targets) => {
      const samples: Figures['bursts'][number]['samples'] = { bot: [], floor: [] };
      await inTurn(PLAN.burst.rounds, 'round', async (kind, round) => {
        const sample = await burst(targets[kind], PLAN.burst.users);
        if (round > 0) samples[kind].push(sample);
        await settle(targets[kind].pid);
      });
      return { storeLatencyMs, samples };
    }),
  );
}

/**
 * A chunk of orders per turn: CPU over the chunks; the highest RSS while taking them; RSS at
 * half-way and at the end, the lowest of a window in which both processes sit idle.
 */
function runSequence(): Promise<Figures['sequence']> {
  const { orders, chunks, perSecond, concurrency, warmup, rssWindowMs } = PLAN.sequence;
  const zero = () => ({ cpuSeconds: 0, invoices: 0, rssPeak: 0, rssHalf: 0, rssEnd: 0 });
  const figures: Figures['sequence'] = { bot: zero(), floor: zero() };
  return withStore(0, (store) =>
    withBoth(store, async (targets) => {
      const turn = async (kind: Kind, chunk: number) => {
        const { pid } = targets[kind];
        const cpu = cpuSeconds(pid);
        const count = chunk === 0 ? warmup : orders / chunks;
        const taken = sequence(targets[kind], { count, perSecond, concurrency });
        const { result: invoices, peak } = await peakRssDuring(pid, taken);
        await settle(pid);
        if (chunk === 0) return;
        figures[kind].invoices += invoices;
        figures[kind].rssPeak = Math.max(figures[kind].rssPeak, peak);
        figures[kind].cpuSeconds += cpuSeconds(pid) - cpu;
      };
      await inTurn(chunks, 'chunk', turn, async (chunk) => {
        if (chunk !== chunks / 2 && chunk !== chunks) return;
        const rss = await lowestRss([targets.bot.pid, targets.floor.pid], rssWindowMs);
        for (const [i, kind] of KINDS.entries())
          figures[kind][chunk === chunks ? 'rssEnd' : 'rssHalf'] = rss[i] ?? NaN;
      });
      return figures;
    }),
  );
}

/** A start per turn at 2,000 guilds; the warm-up start brings the files into the page cache. */
function runStartups(): Promise<Figures['startups']> {
  const times: Figures['startups'] = { bot: [], floor: [] };
  return withStore(0, async (store) => {
    await inTurn(PLAN.startup.starts, 'start', async (kind, start) => {
      const target = await launch(kind, { guilds: PLAN.startup.guilds, store, fixturePath });
      await target.stop();
      if (start > 0) times[kind].push(target.startMs);
    });
    return times;
  });
}

/**
 * The bot alone, watching payments from 1 s after each order: its invoices pending, Check payment
 * pressed once the watch has used its share of the token's reads.
 */
function runPresses(): Promise<Figures['presses']> {
  return withStore(0, async (store) => {
    const botEnv = { PAYMENT_WATCH_SECONDS: '1' };
    const bot = await launch('bot', { guilds: 1, store, fixturePath, botEnv });
    try {
      return await presses(bot, PLAN.presses, store.statusReads);
    } finally {
      await stopCounted(bot);
    }
  });
}

async function main(): Promise<void> {
  writeFileSync(fixturePath, JSON.stringify(buildFloorFixture()));
  const bursts: Figures['bursts'] = [];
  for (const latency of PLAN.burst.storeLatenciesMs) {
    progress(`bursts of ${PLAN.burst.users} users, the store answering in ${latency} ms`);
    bursts.push(await runBursts(latency));
  }
  progress(`${PLAN.sequence.orders.toLocaleString('en-US')} orders in sequence`);
  const orders = await runSequence();
  progress(`start-ups at ${PLAN.startup.guilds.toLocaleString('en-US')} guilds`);
  const startups = await runStartups();
  progress(`Check payment with ${PLAN.presses.pending} invoices pending`);
  const figures: Figures = { bursts, sequence: orders, startups, peaks, presses: await runPresses() };
  const { text, json } = report(figures, PLAN, (performance.now() - began) / 1000);
  console.log(text);
  const results = new URL('./results/', import.meta.url);
  mkdirSync(results, { recursive: true });
  writeFileSync(new URL('latest.json', results), `${JSON.stringify(json, null, 2)}\n`);
}

try {
  await main();
} catch (error) {
  console.error('benchmark failed (harness error):', error);
  process.exitCode = 1;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
