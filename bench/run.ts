/**
 * `npm run bench`: the bot beside the floor (the fastest discord.js bot here, bench/floor.ts), on
 * the end-to-end suite's emulators, one after the other in the same run. Prints a table and writes
 * bench/results/latest.json. Exit code 0 even when a target is missed; non-zero on harness errors.
 *
 * BENCH_QUICK=1: a smoke run with smaller numbers (not comparable with a full run).
 * BENCH_PROFILE=1: also write CPU profiles (--cpu-prof) and a heap snapshot after the order sequence
 * (--heapsnapshot-signal) of both processes to bench/results/profiles/; the figures are then
 * distorted by the profiler.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildFloorFixture } from './fixture.js';
import { CLK_TCK, MB, cpuSeconds, idleRss, rssBytes, settledRss } from './proc.js';
import { measureRecordStore, type RecordStoreFigures } from './records.js';
import {
  fmtMb,
  fmtMs,
  fmtRatio,
  fmtSummary,
  fmtSummaryRatio,
  ratio,
  renderTable,
  verdict,
  type Row,
  type Section,
} from './report.js';
import { median, peakInWindow, summarize, type Summary } from './stats.js';
import {
  BENCH_ENV,
  KINDS,
  MILESTONE_READY,
  MILESTONE_REGISTERED,
  assertNodeProcess,
  openWorld,
  startTarget,
  stopTarget,
  waitRegistered,
  type Kind,
  type LogLevel,
  type Target,
  type World,
} from './targets.js';
import { burst, lateArrival, sequence, sleep, type OrderSample } from './workloads.js';

const QUICK = process.env.BENCH_QUICK === '1';
const PROFILE = process.env.BENCH_PROFILE === '1';
const RESULTS_DIR = fileURLToPath(new URL('./results/', import.meta.url));
const PROFILE_DIR = join(RESULTS_DIR, 'profiles');

/**
 * Both processes send their final edits on a REST manager without discord.js's global limit of 50
 * requests/s (src/discord/replies.ts): a burst's edits go out as fast as the process makes them,
 * and a round of 500 lasts about 2 s plus the store's time, where it lasted 10 s. The sequence runs
 * at 48 orders/s, as when that limit was its ceiling, so its figures compare with earlier runs.
 */
const PLAN = QUICK
  ? {
      storeLatencies: [0, 2000],
      bursts: {
        0: [
          { size: 1, rounds: 5 },
          { size: 10, rounds: 2 },
          { size: 50, rounds: 1 },
        ],
        2000: [
          { size: 1, rounds: 3 },
          { size: 10, rounds: 2 },
          { size: 50, rounds: 1 },
        ],
      } as Record<number, { size: number; rounds: number }[]>,
      lateArrival: { storeLatencyMs: 0, size: 50, rounds: 2 },
      warmupOrders: 10,
      sequence: { count: 1000, ratePerSecond: 48, concurrency: 20, chunk: 250 },
      guilds: [1, 100, 500],
      readyRepetitions: 1,
      idleWindowMs: 5_000,
    }
  : {
      storeLatencies: [0, 2000],
      bursts: {
        // A pooled p99 is decided by the slowest rounds, and on this shared machine a round is
        // slow when the machine is: a fixed loop of arithmetic took 13-73 ms in the benchmark
        // process just before a round, and the same process's 200 /order took 30-160 ms of CPU
        // from one round to the next. Resampling 16 measured rounds of 200 (bot and floor alike),
        // two identical processes miss 1.25x on a pooled p99 in 11-16% of verdicts with 8 rounds
        // each, 6-7% with 16, 1.6-1.7% with 32. Since the final edits no longer queue at 50/s,
        // a round of 200 lasts about 1 s plus the store's time (was 5 s), so 24 rounds of 200 and
        // 16 of 500 take the time 8 and 4 took. A single user's p99 needs 100 rounds not to be
        // the worst one (it is the second-worst), with the store at 2 s too, although each of the
        // bot's rounds then lasts 2.5 s: with 30 rounds that p99 was the slowest of 30
        // acknowledgements of 2-5 ms, and a verdict at the mercy of one (1.24x and 1.25x the
        // floor's in two runs).
        0: [
          { size: 1, rounds: 100 },
          { size: 50, rounds: 20 },
          { size: 200, rounds: 24 },
          { size: 500, rounds: 16 },
        ],
        2000: [
          { size: 1, rounds: 100 },
          { size: 50, rounds: 20 },
          { size: 200, rounds: 24 },
          { size: 500, rounds: 16 },
        ],
      } as Record<number, { size: number; rounds: number }[]>,
      /**
       * With the store answering at once: a burst, then one more user's /order as soon as every
       * submit is acknowledged, while the process works through the orders (not a target).
       */
      lateArrival: { storeLatencyMs: 0, size: 200, rounds: 5 },
      warmupOrders: 30,
      sequence: { count: 10_000, ratePerSecond: 48, concurrency: 20, chunk: 1250 },
      guilds: [1, 100, 2000],
      // A start at 2,000 guilds took 0.97-1.22 s for the same bot in one run, and the floor's
      // 0.89-1.04 s: the median of 3 starts moved the ratio by 0.1 from run to run. With 5, the
      // floor's median was 756 ms in one run and 904-1,026 ms in five others (its single starts
      // 723-1,068 ms in one experiment), and a ratio rested on it. 9 starts each take about 2 minutes.
      readyRepetitions: 9,
      /** How long RSS is watched after each phase of the sequence (see idleRss). */
      idleWindowMs: 25_000,
    };

const TARGETS = {
  firstCallbackP99Ratio: 1.25,
  ackDeadlineMs: 3000,
  cpuRatio: 2,
  rssOverFloorMb: 30,
  growthMb: 5,
  startupRatio: 1.2,
};

function log(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

// ------------------------------------------------------------------------------------ running

const scratch = mkdtempSync(join(tmpdir(), 'lrr-bench-'));
const fixturePath = join(scratch, 'floor-fixture.json');

function nodeFlags(kind: Kind, label: string): string[] {
  if (!PROFILE) return [];
  const dir = join(PROFILE_DIR, `${label}-${kind}`);
  mkdirSync(dir, { recursive: true });
  return ['--cpu-prof', `--diagnostic-dir=${dir}`, '--heapsnapshot-signal=SIGUSR2'];
}

/** Opens fresh emulators, starts one process and waits until it registered its commands. */
async function launch(
  kind: Kind,
  world: { guilds: number; orderLatencyMs: number; logLevel: LogLevel },
  label: string,
): Promise<{ world: World; target: Target }> {
  const w = await openWorld(world);
  try {
    const target = startTarget(kind, w.env, { fixturePath, nodeFlags: nodeFlags(kind, label) });
    try {
      await waitRegistered(target, w.discord, world.logLevel);
      assertNodeProcess(target);
    } catch (error) {
      await stopTarget(target, 1000);
      throw error;
    }
    return { world: w, target };
  } catch (error) {
    await w.close();
    throw error;
  }
}

/** The most orders each kind of process was sent in any minute, over every process of the run. */
const peakPerMinute: Pair<number> = { bot: 0, floor: 0 };

async function shutdown(run: { world: World; target: Target }): Promise<void> {
  const { kind } = run.target;
  peakPerMinute[kind] = Math.max(peakPerMinute[kind], peakInWindow(run.world.submitted, 60_000));
  await stopTarget(run.target);
  await run.world.close();
}

interface BurstFigures {
  size: number;
  rounds: number;
  orders: number;
  command: Summary;
  submit: Summary;
  finalEditMinusStore: Summary;
  storeMs: Summary;
  /** Interactions (commands and submits) whose first callback succeeded within 3 s. */
  ackedWithinDeadline: number;
  interactions: number;
  maxFirstCallbackMs: number;
  invoiced: number;
}

function burstFigures(size: number, rounds: number, samples: OrderSample[]): BurstFigures {
  const firsts = samples.flatMap((s) => [
    { ok: s.commandAcked, ms: s.commandFirstCallback },
    { ok: s.submitAcked, ms: s.submitFirstCallback },
  ]);
  return {
    size,
    rounds,
    orders: samples.length,
    command: summarize(samples.map((s) => s.commandFirstCallback)),
    submit: summarize(samples.map((s) => s.submitFirstCallback)),
    finalEditMinusStore: summarize(samples.map((s) => s.finalEditMinusStore)),
    storeMs: summarize(samples.map((s) => s.storeMs)),
    ackedWithinDeadline: firsts.filter((f) => f.ok && f.ms <= TARGETS.ackDeadlineMs).length,
    interactions: firsts.length,
    maxFirstCallbackMs: Math.max(...firsts.map((f) => f.ms)),
    invoiced: samples.filter((s) => s.invoiced).length,
  };
}

interface BurstRuns {
  figures: Pair<BurstFigures[]>;
  /** At PLAN.lateArrival's store latency only: the /order of a user arriving right after a burst's acknowledgements. */
  lateArrival: Pair<Summary> | undefined;
}

/**
 * `rounds` rounds of `work`, the bot and the floor in turn (bot, floor, bot, …; 0.5 s apart, the
 * other one idle); what each round returned, by kind.
 */
async function inTurn<T>(
  runs: Partial<Pair<{ world: World; target: Target }>>,
  rounds: number,
  work: (world: World) => Promise<T>,
): Promise<Pair<T[]>> {
  const results: Pair<T[]> = { bot: [], floor: [] };
  for (let round = 0; round < rounds; round++) {
    for (const kind of KINDS) {
      const run = runs[kind];
      if (!run) throw new Error(`the ${kind} is not running`);
      results[kind].push(await work(run.world));
      await sleep(500);
    }
  }
  return results;
}

/**
 * The bot and the floor side by side for one store latency: both are started (fresh, idle when it
 * is not their turn) and take their rounds in turn, bot then floor, so a drift of the machine
 * during the run weighs on both alike. Never both loaded at once.
 */
async function runBursts(orderLatencyMs: number): Promise<BurstRuns> {
  const runs: Partial<Pair<{ world: World; target: Target }>> = {};
  try {
    for (const kind of KINDS) {
      const run = await launch(
        kind,
        { guilds: 1, orderLatencyMs, logLevel: 'warn' },
        `burst-${orderLatencyMs}ms`,
      );
      runs[kind] = run;
      // Warm-up: a few orders, 10 at a time, so the first burst does not measure JIT warm-up.
      const warm = await sequence(run.world, {
        count: PLAN.warmupOrders,
        ratePerSecond: 1000,
        concurrency: 10,
      });
      if (warm.some((s) => !s.invoiced)) log(`  warning: ${kind} warm-up orders did not all get an invoice`);
      // And one burst of the largest size, not measured: every measured round then finds the
      // process's connections to Discord open (see DISCORD_KEEP_ALIVE_MS), as a busy bot's are.
      const sizes = (PLAN.bursts[orderLatencyMs] ?? []).map((b) => b.size);
      await burst(run.world, Math.max(...sizes));
    }
    await sleep(500);
    const figures: Pair<BurstFigures[]> = { bot: [], floor: [] };
    for (const { size, rounds } of PLAN.bursts[orderLatencyMs] ?? []) {
      const samples = await inTurn(runs, rounds, (world) => burst(world, size));
      for (const kind of KINDS) {
        const f = burstFigures(size, rounds, samples[kind].flat());
        figures[kind].push(f);
        log(
          `  ${kind} store ${orderLatencyMs} ms, ${size} users ×${rounds}: /order p99 ${fmtMs(f.command.p99)} ms, submit p99 ${fmtMs(f.submit.p99)} ms, edit−store p99 ${fmtMs(f.finalEditMinusStore.p99)} ms, invoiced ${f.invoiced}/${f.orders}`,
        );
      }
    }
    const { storeLatencyMs, size, rounds } = PLAN.lateArrival;
    if (orderLatencyMs !== storeLatencyMs) return { figures, lateArrival: undefined };
    const late = await inTurn(runs, rounds, (world) => lateArrival(world, size));
    const lateArrivalFigures = { bot: summarize(late.bot), floor: summarize(late.floor) };
    for (const kind of KINDS)
      log(
        `  ${kind} store ${storeLatencyMs} ms, ${size} users then one more ×${rounds}: its /order ${late[kind].map(fmtMs).join(', ')} ms`,
      );
    return { figures, lateArrival: lateArrivalFigures };
  } finally {
    for (const kind of KINDS) {
      const run = runs[kind];
      if (run) await shutdown(run);
    }
  }
}

interface SequenceFigures {
  orders: number;
  ratePerSecond: number;
  concurrency: number;
  failures: number;
  cpuSeconds: number;
  cpuMsPerOrder: number;
  rssAfterReady: number;
  /**
   * Right after each half, both processes in the same state (their young generation grown by the
   * load): the judged figures. V8's memory reducer gives those pages back some 10-40 s later, at a
   * moment of its own, and in one run it did so for the floor but not for the bot within 25 s; a
   * later reading would compare one process before it with the other after.
   */
  rssAfterHalf: number;
  rssAfterAll: number;
  /** The lowest reading in the idle window after the last order (for information). */
  rssIdleAfterAll: number;
  growthOverSecondHalf: number;
  rssSamples: { afterReady: number[]; afterHalf: number[]; afterAll: number[] };
  command: Summary;
  submit: Summary;
  finalEditMinusStore: Summary;
  wallSeconds: number;
  records: RecordStoreFigures | null;
}

/**
 * The order sequence, bot and floor side by side: both are started, then take the orders in
 * chunks in turn (bot, floor, bot, …; the other one idle), so a drift of the shared machine weighs
 * on both alike. After each half, both sit idle while their RSS is watched (at the same time).
 */
async function runSequences(): Promise<Pair<SequenceFigures>> {
  const runs: Partial<Pair<{ world: World; target: Target }>> = {};
  try {
    for (const kind of KINDS) {
      runs[kind] = await launch(kind, { guilds: 1, orderLatencyMs: 0, logLevel: 'warn' }, 'sequence');
    }
    const both = KINDS.map((kind) => {
      const run = runs[kind];
      if (!run) throw new Error(`the ${kind} is not running`);
      return { kind, ...run, samples: [] as OrderSample[], cpu: 0 };
    });
    const idleBoth = () =>
      Promise.all(both.map((b) => idleRss(b.target.pid, { windowMs: PLAN.idleWindowMs })));
    const ready = await idleBoth();
    const started = performance.now();
    const total = PLAN.sequence.count;
    const half = Math.floor(total / 2);
    const chunk = PLAN.sequence.chunk;
    // Each process's RSS is read the moment its own last chunk of the half ends (not once the other
    // has taken its turn: by then V8 may have given the first one's young generation back).
    const runHalf = async (count: number) => {
      const rightAfter: number[] = [];
      for (let done = 0; done < count; done += chunk) {
        for (const [index, b] of both.entries()) {
          const cpu0 = cpuSeconds(b.target.pid);
          b.samples.push(
            ...(await sequence(b.world, { ...PLAN.sequence, count: Math.min(chunk, count - done) })),
          );
          b.cpu += cpuSeconds(b.target.pid) - cpu0;
          if (done + chunk >= count) rightAfter[index] = rssBytes(b.target.pid);
        }
      }
      return rightAfter;
    };
    const rightAfterHalf = await runHalf(half);
    const atHalf = await idleBoth();
    log(
      `  ${half} orders each; idle RSS bot ${fmtMb(atHalf[0]?.min ?? NaN)} MB, floor ${fmtMb(atHalf[1]?.min ?? NaN)} MB`,
    );
    const rightAfterAll = await runHalf(total - half);
    const wallSeconds = (performance.now() - started) / 1000;
    const atEnd = await idleBoth();
    log(
      `  ${total} orders each; idle RSS bot ${fmtMb(atEnd[0]?.min ?? NaN)} MB, floor ${fmtMb(atEnd[1]?.min ?? NaN)} MB`,
    );
    if (PROFILE) {
      for (const b of both) b.target.proc.child.kill('SIGUSR2');
      await sleep(5000);
    }
    const figures = {} as Pair<SequenceFigures>;
    for (const [index, b] of both.entries()) {
      const r0 = ready[index];
      const r1 = atHalf[index];
      const r2 = atEnd[index];
      const afterHalf = rightAfterHalf[index];
      const afterAll = rightAfterAll[index];
      if (!r0 || !r1 || !r2 || afterHalf === undefined || afterAll === undefined)
        throw new Error('missing RSS readings');
      figures[b.kind] = {
        orders: b.samples.length,
        ratePerSecond: PLAN.sequence.ratePerSecond,
        concurrency: PLAN.sequence.concurrency,
        failures: b.samples.filter((x) => !x.invoiced).length,
        cpuSeconds: b.cpu,
        cpuMsPerOrder: (b.cpu * 1000) / b.samples.length,
        rssAfterReady: r0.min,
        rssAfterHalf: afterHalf,
        rssAfterAll: afterAll,
        rssIdleAfterAll: Math.min(afterAll, r2.min),
        growthOverSecondHalf: afterAll - afterHalf,
        rssSamples: { afterReady: r0.samples, afterHalf: r1.samples, afterAll: r2.samples },
        command: summarize(b.samples.map((x) => x.commandFirstCallback)),
        submit: summarize(b.samples.map((x) => x.submitFirstCallback)),
        finalEditMinusStore: summarize(b.samples.map((x) => x.finalEditMinusStore)),
        wallSeconds,
        records: b.kind === 'bot' ? await measureRecordStore(b.world.storePath, scratch) : null,
      };
    }
    return figures;
  } finally {
    for (const kind of KINDS) {
      const run = runs[kind];
      if (run) await shutdown(run);
    }
  }
}

interface ReadyRun {
  /** The bot checks its LeuwongRR token once READY (undefined for the floor). */
  tokenCheckedMs: number | undefined;
  readyMs: number;
  registeredMs: number;
  rss: number;
}

interface ReadyFigures {
  guilds: number;
  runs: ReadyRun[];
  tokenCheckedMs: number | undefined;
  readyMs: number;
  registeredMs: number;
  rss: number;
}

async function runReady(kind: Kind, guilds: number): Promise<ReadyRun> {
  const run = await launch(kind, { guilds, orderLatencyMs: 0, logLevel: 'info' }, `ready-${guilds}`);
  try {
    const { target } = run;
    const readyAt = target.milestones.get(MILESTONE_READY);
    const registeredAt = target.milestones.get(MILESTONE_REGISTERED);
    if (readyAt === undefined || registeredAt === undefined)
      throw new Error(`the ${kind} did not log its start-up milestones:\n${target.proc.output.join('\n')}`);
    const rss = await settledRss(target.pid, { settleMs: 1000, samples: 3 });
    const tokenAt = target.milestones.get('LeuwongRR token is valid');
    return {
      tokenCheckedMs: tokenAt === undefined ? undefined : tokenAt - target.spawnedAt,
      readyMs: readyAt - target.spawnedAt,
      registeredMs: registeredAt - target.spawnedAt,
      rss: rss.min,
    };
  } finally {
    await shutdown(run);
  }
}

// ------------------------------------------------------------------------------------ report

type Pair<T> = Record<Kind, T>;

function burstSection(
  latency: number,
  figures: Pair<BurstFigures[]>,
  late: Pair<Summary> | undefined,
): Section {
  const rows: Row[] = [];
  const largest = Math.max(...(PLAN.bursts[latency] ?? []).map((b) => b.size));
  figures.bot.forEach((bot, index) => {
    const floor = figures.floor[index];
    if (!floor) return;
    const label = `${bot.size} user${bot.size === 1 ? '' : 's'}${bot.rounds > 1 ? ` (×${bot.rounds})` : ''}`;
    const p99 = (pick: (f: BurstFigures) => Summary) =>
      verdict(pick(bot).p99 <= TARGETS.firstCallbackP99Ratio * pick(floor).p99);
    rows.push(
      {
        figure: `${label}: /order → first callback, ms`,
        bot: fmtSummary(bot.command),
        floor: fmtSummary(floor.command),
        ratio: fmtSummaryRatio(bot.command, floor.command),
        target: `p99 ≤ ${TARGETS.firstCallbackP99Ratio}× floor`,
        result: p99((f) => f.command),
      },
      {
        figure: `${label}: submit → first callback, ms`,
        bot: fmtSummary(bot.submit),
        floor: fmtSummary(floor.submit),
        ratio: fmtSummaryRatio(bot.submit, floor.submit),
        target: `p99 ≤ ${TARGETS.firstCallbackP99Ratio}× floor`,
        result: p99((f) => f.submit),
      },
      {
        figure: `${label}: submit → final edit − store time, ms`,
        bot: fmtSummary(bot.finalEditMinusStore),
        floor: fmtSummary(floor.finalEditMinusStore),
        ratio: fmtSummaryRatio(bot.finalEditMinusStore, floor.finalEditMinusStore),
        target: '',
        result: '',
      },
    );
    if (bot.size === largest) {
      rows.push({
        figure: `${label}: acknowledged ≤ 3 s (of ${bot.interactions}); max first callback, ms`,
        bot: `${bot.ackedWithinDeadline}; ${fmtMs(bot.maxFirstCallbackMs)}`,
        floor: `${floor.ackedWithinDeadline}; ${fmtMs(floor.maxFirstCallbackMs)}`,
        ratio: fmtRatio(ratio(bot.maxFirstCallbackMs, floor.maxFirstCallbackMs)),
        target: 'all, ≤ 3000 ms',
        result: verdict(
          bot.ackedWithinDeadline === bot.interactions && bot.maxFirstCallbackMs <= TARGETS.ackDeadlineMs,
        ),
      });
    }
    if (bot.invoiced !== bot.orders) {
      rows.push({
        figure: `${label}: orders answered with an invoice`,
        bot: `${bot.invoiced}/${bot.orders}`,
        floor: `${floor.invoiced}/${floor.orders}`,
        ratio: '',
        target: 'all',
        result: 'MISSED',
      });
    }
  });
  if (late) {
    const { size, rounds } = PLAN.lateArrival;
    rows.push({
      figure: `${size} users, then 1 more (×${rounds}): its /order → first callback, dispatched once every submit is acknowledged, ms`,
      bot: fmtSummary(late.bot),
      floor: fmtSummary(late.floor),
      ratio: fmtSummaryRatio(late.bot, late.floor),
      target: '',
      result: '',
    });
  }
  return {
    title: `Bursts: N users run /order → modal → submit at once; store answers ${latency === 0 ? 'at once' : `in ${latency / 1000} s`} (p50 / p95 / p99 / max)`,
    rows,
  };
}

function sequenceSection(figures: Pair<SequenceFigures>): Section {
  const { bot, floor } = figures;
  const n = bot.orders.toLocaleString('en-US');
  const half = Math.floor(bot.orders / 2).toLocaleString('en-US');
  const rows: Row[] = [
    {
      figure: 'CPU time per order (user+sys / orders), ms',
      bot: fmtMs(bot.cpuMsPerOrder),
      floor: fmtMs(floor.cpuMsPerOrder),
      ratio: fmtRatio(ratio(bot.cpuMsPerOrder, floor.cpuMsPerOrder)),
      target: `≤ ${TARGETS.cpuRatio}× floor`,
      result: verdict(bot.cpuMsPerOrder <= TARGETS.cpuRatio * floor.cpuMsPerOrder),
    },
    {
      figure: 'RSS after ready, MB',
      bot: fmtMb(bot.rssAfterReady),
      floor: fmtMb(floor.rssAfterReady),
      ratio: fmtRatio(ratio(bot.rssAfterReady, floor.rssAfterReady)),
      target: '',
      result: '',
    },
    {
      figure: `RSS right after the last of ${n} orders, MB`,
      bot: fmtMb(bot.rssAfterAll),
      floor: fmtMb(floor.rssAfterAll),
      ratio: fmtRatio(ratio(bot.rssAfterAll, floor.rssAfterAll)),
      target: `≤ floor + ${TARGETS.rssOverFloorMb} MB`,
      result: verdict(bot.rssAfterAll <= floor.rssAfterAll + TARGETS.rssOverFloorMb * MB),
    },
    {
      figure: `lowest RSS in the ${PLAN.idleWindowMs / 1000} s idle after them (when V8 gave pages back), MB`,
      bot: fmtMb(bot.rssIdleAfterAll),
      floor: fmtMb(floor.rssIdleAfterAll),
      ratio: fmtRatio(ratio(bot.rssIdleAfterAll, floor.rssIdleAfterAll)),
      target: '',
      result: '',
    },
    {
      figure: `RSS growth over the last ${half} orders (right after each half), MB`,
      bot: fmtMb(bot.growthOverSecondHalf),
      floor: fmtMb(floor.growthOverSecondHalf),
      ratio: fmtRatio(ratio(bot.growthOverSecondHalf, floor.growthOverSecondHalf)),
      target: `≤ ${TARGETS.growthMb} MB`,
      result: verdict(bot.growthOverSecondHalf <= TARGETS.growthMb * MB),
    },
    {
      figure: 'submit → final edit − store time, ms',
      bot: fmtSummary(bot.finalEditMinusStore),
      floor: fmtSummary(floor.finalEditMinusStore),
      ratio: fmtSummaryRatio(bot.finalEditMinusStore, floor.finalEditMinusStore),
      target: '',
      result: '',
    },
  ];
  if (bot.failures > 0 || floor.failures > 0) {
    rows.push({
      figure: 'orders not answered with an invoice',
      bot: String(bot.failures),
      floor: String(floor.failures),
      ratio: '',
      target: '0',
      result: verdict(bot.failures === 0),
    });
  }
  return {
    title: `${n} orders in sequence: ${bot.ratePerSecond} new users/s, ≤ ${bot.concurrency} in flight, store answers at once; bot and floor take chunks of ${PLAN.sequence.chunk.toLocaleString('en-US')} in turn`,
    rows,
  };
}

function readySection(figures: Pair<ReadyFigures[]>): Section {
  const rows: Row[] = [];
  const largest = Math.max(...PLAN.guilds);
  figures.bot.forEach((bot, index) => {
    const floor = figures.floor[index];
    if (!floor) return;
    const judged = bot.guilds === largest;
    const label = `${bot.guilds.toLocaleString('en-US')} guild${bot.guilds === 1 ? '' : 's'}`;
    const target = judged ? `≤ ${TARGETS.startupRatio}× floor` : '';
    const judge = (b: number, f: number) => (judged ? verdict(b <= TARGETS.startupRatio * f) : '');
    if (judged && bot.tokenCheckedMs !== undefined) {
      rows.push({
        figure: `${label}: start-up to LeuwongRR token checked (bot only, checked once READY), ms`,
        bot: fmtMs(bot.tokenCheckedMs),
        floor: '-',
        ratio: '',
        target: '',
        result: '',
      });
    }
    rows.push(
      {
        figure: `${label}: start-up to READY, ms`,
        bot: fmtMs(bot.readyMs),
        floor: fmtMs(floor.readyMs),
        ratio: fmtRatio(ratio(bot.readyMs, floor.readyMs)),
        target,
        result: judge(bot.readyMs, floor.readyMs),
      },
      {
        figure: `${label}: start-up to commands registered, ms`,
        bot: fmtMs(bot.registeredMs),
        floor: fmtMs(floor.registeredMs),
        ratio: fmtRatio(ratio(bot.registeredMs, floor.registeredMs)),
        target,
        result: judge(bot.registeredMs, floor.registeredMs),
      },
      {
        figure: `${label}: RSS after ready, MB`,
        bot: fmtMb(bot.rss),
        floor: fmtMb(floor.rss),
        ratio: fmtRatio(ratio(bot.rss, floor.rss)),
        target,
        result: judge(bot.rss, floor.rss),
      },
    );
  });
  return {
    title: `Start-up: READY with N guilds (median of ${PLAN.readyRepetitions} start${PLAN.readyRepetitions === 1 ? '' : 's'}; from spawn)`,
    rows,
  };
}

function recordSection(records: RecordStoreFigures | null): Section {
  if (!records) return { title: 'Record store', rows: [] };
  const prefixes = (counts: Record<string, number>) =>
    Object.entries(counts)
      .map(([prefix, n]) => `${prefix}${n}`)
      .join(' ');
  return {
    title: `Record store (bot's SQLite file after the sequence; the floor keeps none). Records live 24 h: expiry shown by the bot's own purge on a copy, clock +24 h 1 min`,
    rows: [
      {
        figure: 'rows before expiry',
        bot: String(records.before.rows),
        floor: '-',
        ratio: '',
        target: '',
        result: '',
      },
      {
        figure: '  by key prefix',
        bot: prefixes(records.before.byPrefix),
        floor: '',
        ratio: '',
        target: '',
        result: '',
      },
      {
        figure: 'rows after expiry',
        bot: `${records.after.rows} (${records.purged} purged)`,
        floor: '-',
        ratio: '',
        target: '',
        result: '',
      },
      {
        figure: 'pages in use before → after expiry, MB',
        bot: `${fmtMb(records.before.bytes)} → ${fmtMb(records.after.bytes)}`,
        floor: '-',
        ratio: '',
        target: '',
        result: '',
      },
    ],
  };
}

// ------------------------------------------------------------------------------------ main

async function main(): Promise<number> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(fixturePath, JSON.stringify(buildFloorFixture()));
  const began = performance.now();
  const machine = {
    cores: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    clockTicksPerSecond: CLK_TCK,
  };
  const header = [
    `LeuwongRR order bot benchmark: ${QUICK ? 'BENCH_QUICK=1 smoke run, smaller numbers, not comparable with a full run' : 'full run (BENCH_QUICK=1 gives a smoke run with smaller numbers)'}${PROFILE ? ' (BENCH_PROFILE=1: profiler attached, figures distorted)' : ''}`,
    `Machine: ${machine.cores} cores (${machine.cpu}), Node ${machine.node}; every server on 127.0.0.1 (Discord gateway + REST emulator in this process's main thread, which times the callbacks; LeuwongRR store emulator in a thread of its own).`,
    "Bot: started as `npm start` runs it after its build (node dist/bot/main.js, bundled by `npm run bench` first: the bot's code, zod and keyv in a few files, every other package loaded from node_modules, discord.js as the floor loads it), STORE_URL=sqlite:<temp file>. Floor: bench/floor.ts compiled by tsc (node dist/bench/floor.js; its own code is 3 modules), same client options (createDiscordClient), same commands, modal and invoice-shaped edit (built by the bot's own code, handed over as JSON); no validation, store or records.",
    `The bot's limiter is raised by configuration so this measures the bot, not its limiter: ${Object.entries(
      BENCH_ENV,
    )
      .map(([k, v]) => `${k}=${v}`)
      .join(
        ', ',
      )} (100000 is the most src/config.ts accepts; the most orders sent in a minute is printed after the table); the store emulator's rate limit is off. LOG_LEVEL=warn, except LOG_LEVEL=info for the start-up runs (the milestones are info lines).`,
    "Final edits: both send them on a REST manager of their own without discord.js's global limit of 50 requests/s (src/discord/replies.ts; Discord applies none to interaction endpoints); the sequence runs at 48 orders/s as before.",
    `Latency = emulator's receipt of the first callback − its dispatch of the interaction (performance.now()). Per store mode, bot and floor are started fresh, take ${PLAN.warmupOrders} warm-up orders and one burst of the largest size (not measured; the Discord emulator keeps idle connections open as Discord's front end does, so every measured round finds them open), then their burst rounds in turn (bot, floor, bot, …; 0.5 s apart; the other one idle); in a burst all modals are shown before all users submit. With the store answering in ${PLAN.lateArrival.storeLatencyMs} ms, ${PLAN.lateArrival.rounds} more rounds of ${PLAN.lateArrival.size} in which one more user runs /order as soon as every submit is acknowledged, while the process works through those orders (printed, not judged).`,
    `CPU = utime+stime of the node process (/proc/<pid>/stat). RSS = VmRSS (/proc/<pid>/status). No GC can be forced from outside: in the sequence, RSS is read right after each half, both processes in the same state, and then every 0.5 s for ${PLAN.idleWindowMs / 1000} s (V8's memory reducer gives the young generation's pages back 10-40 s after a load, at a moment of its own: the lowest reading is shown, not judged); start-up runs: the minimum of 3 samples 300 ms apart after 1 s. The benchmark process runs a full GC of its own before each burst.`,
  ];
  for (const line of header) log(line);

  // One start of each first, so no measured start-up reads its files from a cold page cache.
  log('warming up (one start of each)');
  for (const kind of KINDS)
    await shutdown(await launch(kind, { guilds: 1, orderLatencyMs: 0, logLevel: 'warn' }, 'warmup'));

  const bursts: Record<string, Pair<BurstFigures[]>> = {};
  const lateArrivals: Record<string, Pair<Summary>> = {};
  for (const latency of PLAN.storeLatencies) {
    log(`bursts, store latency ${latency} ms`);
    const result = await runBursts(latency);
    bursts[String(latency)] = result.figures;
    if (result.lateArrival) lateArrivals[String(latency)] = result.lateArrival;
  }

  log(`${PLAN.sequence.count} orders in sequence`);
  const seq = await runSequences();

  log('start-up with N guilds');
  const ready: Pair<ReadyFigures[]> = { bot: [], floor: [] };
  for (const guilds of PLAN.guilds) {
    const runs: Pair<ReadyRun[]> = { bot: [], floor: [] };
    for (let rep = 0; rep < PLAN.readyRepetitions; rep++) {
      for (const kind of KINDS) runs[kind].push(await runReady(kind, guilds));
    }
    for (const kind of KINDS) {
      const list = runs[kind];
      const figures: ReadyFigures = {
        guilds,
        runs: list,
        tokenCheckedMs: list.some((r) => r.tokenCheckedMs === undefined)
          ? undefined
          : median(list.map((r) => r.tokenCheckedMs ?? Number.NaN)),
        readyMs: median(list.map((r) => r.readyMs)),
        registeredMs: median(list.map((r) => r.registeredMs)),
        rss: median(list.map((r) => r.rss)),
      };
      ready[kind].push(figures);
      log(
        `  ${kind} ${guilds} guilds: READY ${fmtMs(figures.readyMs)} ms, registered ${fmtMs(figures.registeredMs)} ms, RSS ${fmtMb(figures.rss)} MB`,
      );
    }
  }

  const sections: Section[] = [
    ...PLAN.storeLatencies.map((latency) =>
      burstSection(latency, bursts[String(latency)] ?? { bot: [], floor: [] }, lateArrivals[String(latency)]),
    ),
    sequenceSection(seq),
    readySection(ready),
    recordSection(seq.bot.records),
  ];
  const table = renderTable(sections);
  const judged = sections.flatMap((s) => s.rows).filter((r) => r.result !== '');
  const missed = judged.filter((r) => r.result === 'MISSED');
  const elapsed = (performance.now() - began) / 1000;

  console.log(header.join('\n'));
  console.log('');
  console.log(table);
  console.log('');
  console.log(
    missed.length === 0
      ? `All ${judged.length} targets met.`
      : `MISSED ${missed.length} of ${judged.length} targets:\n${missed.map((r) => `  - ${r.figure}: bot ${r.bot}, floor ${r.floor} (target ${r.target})`).join('\n')}`,
  );
  const limit = Number(BENCH_ENV.LEUWONG_ORDERS_PER_MINUTE);
  console.log(
    `Limiter: the most orders sent to one process in any 60 s: bot ${peakPerMinute.bot}, floor ${peakPerMinute.floor}; the bot's LEUWONG_ORDERS_PER_MINUTE=${limit}.${peakPerMinute.bot >= limit ? ' WARNING: the bot reached its rate limit, so some orders waited for it: the burst figures measure its limiter too.' : ''}`,
  );
  console.log(`Run time ${elapsed.toFixed(0)} s. Results: bench/results/latest.json`);

  const json = {
    generatedAt: new Date().toISOString(),
    quick: QUICK,
    profile: PROFILE,
    machine,
    config: {
      botEnv: { ...BENCH_ENV, LOG_LEVEL: 'warn (info for start-up runs)', STORE_URL: 'sqlite:<temp file>' },
      storeEmulator: { rateLimit: false },
      plan: PLAN,
      targets: TARGETS,
      rss: `sequence: VmRSS right after each phase (judged), then every 0.5 s for ${PLAN.idleWindowMs / 1000} s (lowest shown); start-up runs: min of 3 samples 300 ms apart after 1 s`,
      cpu: 'utime+stime of the node process from /proc/<pid>/stat',
    },
    header,
    bursts,
    lateArrival: { ...PLAN.lateArrival, byStoreLatencyMs: lateArrivals },
    limiter: { ordersPerMinute: limit, peakPerMinute },
    sequence: seq,
    ready,
    table: sections,
    missed: missed.map((r) => r.figure),
    runSeconds: elapsed,
  };
  writeFileSync(
    join(RESULTS_DIR, 'latest.json'),
    `${JSON.stringify(json, (_key, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? String(value) : value), 2)}\n`,
  );
  return 0;
}

main()
  .then((code) => {
    rmSync(scratch, { recursive: true, force: true });
    process.exit(code);
  })
  .catch((error: unknown) => {
    console.error('benchmark failed (harness error):', error);
    rmSync(scratch, { recursive: true, force: true });
    process.exit(1);
  });
