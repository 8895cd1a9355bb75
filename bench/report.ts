import { availableParallelism, cpus } from 'node:os';
import { ENTRY, KINDS, NODE_COMMAND, ORDERS_PER_MINUTE, type Kind } from './launch.js';
import {
  GOALS,
  fmtMb,
  fmtMs,
  median,
  renderTable,
  row,
  soloRow,
  soloSummaryRow,
  summarize,
  summaryRow,
  type Section,
} from './stats.js';
import { ACK_DEADLINE_MS, type BurstSample, type PressSample } from './workloads.js';

type Pair<T> = Record<Kind, T>;

/** What the run does (bench/run.ts, PLAN), as far as the table names it. */
export interface Plan {
  burst: { users: number; rounds: number };
  sequence: { orders: number; chunks: number; perSecond: number; concurrency: number };
  startup: { guilds: number; starts: number };
}

export interface Figures {
  bursts: { storeLatencyMs: number; samples: Pair<BurstSample[]> }[];
  /**
   * CPU seconds over the sequence, invoices, the highest RSS while taking orders, and RSS (settled)
   * after half the orders and after all.
   */
  sequence: Pair<{ cpuSeconds: number; invoices: number; rssPeak: number; rssHalf: number; rssEnd: number }>;
  /** Spawn → readiness line of each start, ms. */
  startups: Pair<number[]>;
  /** The most orders each kind of process was sent in any 60 s. */
  peaks: Pair<number>;
  /** Check payment pressed while invoices are pending and the payment watch has used its reads (bot only). */
  presses: PressSample;
}

const both = <T>(pick: (kind: Kind) => T): [T, T] => [pick('bot'), pick('floor')];

/** One store mode's bursts, pooled over its rounds. */
function pooled(samples: BurstSample[]) {
  const all = (pick: (s: BurstSample) => number[]) => summarize(samples.flatMap(pick));
  const count = (pick: (s: BurstSample) => number) => samples.reduce((n, s) => n + pick(s), 0);
  return {
    command: all((s) => s.commandMs),
    submit: all((s) => s.submitMs),
    invoice: all((s) => s.invoiceMs),
    interactions: count((s) => s.interactions),
    ackedInTime: count((s) => s.ackedInTime),
  };
}

function burstSection({ storeLatencyMs, samples }: Figures['bursts'][number], plan: Plan): Section {
  const [bot, floor] = both((kind) => pooled(samples[kind]));
  const store = storeLatencyMs === 0 ? 'at once' : `in ${storeLatencyMs / 1000} s`;
  return {
    title: `${plan.burst.users} users at once ×${plan.burst.rounds}, store answering ${store}: ms, p50 / p99 / max`,
    rows: [
      summaryRow('/order → first callback', [bot.command, floor.command]),
      summaryRow('submit → first callback', [bot.submit, floor.submit]),
      row(
        `acknowledged in < ${ACK_DEADLINE_MS / 1000} s, of ${bot.interactions}`,
        [bot.ackedInTime, floor.ackedInTime],
        String,
        GOALS.acked(bot.interactions),
      ),
      summaryRow('store answered → invoice', [bot.invoice, floor.invoice], GOALS.lastInvoice),
    ],
  };
}

function sequenceSection(sequence: Figures['sequence'], plan: Plan): Section {
  const { orders, chunks, perSecond, concurrency } = plan.sequence;
  const n = orders.toLocaleString('en-US');
  const [cpuBot, cpuFloor] = both((kind) => (sequence[kind].cpuSeconds * 1000) / orders);
  const peak = both((kind) => sequence[kind].rssPeak);
  const rss = both((kind) => sequence[kind].rssEnd);
  const growth = both((kind) => sequence[kind].rssEnd - sequence[kind].rssHalf);
  const invoices = both((kind) => sequence[kind].invoices).join(' / ');
  return {
    title: `${n} orders in ${chunks} chunks in turn, ${perSecond}/s, ≤ ${concurrency} in flight, store at once`,
    rows: [
      row(`CPU per order, ms (invoices ${invoices})`, [cpuBot, cpuFloor], (ms) => ms.toFixed(2), GOALS.cpu),
      row('RSS at its highest while taking orders, MB', peak, fmtMb),
      row(`RSS after ${n} orders, MB`, rss, fmtMb, GOALS.rss),
      {
        ...row(
          `RSS growth over the last ${(orders / 2).toLocaleString('en-US')}, MB`,
          growth,
          fmtMb,
          GOALS.growth,
        ),
        ratio: '',
      },
    ],
  };
}

function pressSection(sample: PressSample): Section {
  const { pending, watchReads, ackMs, answerMs, read } = sample;
  return {
    title: `Check payment, bot only: ${ackMs.length} presses at once, ${pending} invoices pending, the watch's ${watchReads} reads made: ms, p50 / p99 / max`,
    rows: [
      soloSummaryRow('press → first callback', summarize(ackMs)),
      soloSummaryRow('press → its answer', summarize(answerMs), GOALS.pressAnswered),
      soloRow(`presses answered with a read, of ${ackMs.length}`, String(read)),
    ],
  };
}

/** The printed report, and the JSON written to bench/results/latest.json. */
export function report(figures: Figures, plan: Plan, runSeconds: number): { text: string; json: unknown } {
  const { guilds, starts } = plan.startup;
  const startup = both((kind) => median(figures.startups[kind]));
  const table: Section[] = [
    ...figures.bursts.map((b) => burstSection(b, plan)),
    sequenceSection(figures.sequence, plan),
    {
      title: `Start-up at ${guilds.toLocaleString('en-US')} guilds, median of ${starts} in turn`,
      rows: [row('spawn → commands ready, ms', startup, fmtMs, GOALS.startup)],
    },
    pressSection(figures.presses),
  ];
  const judged = table.flatMap((s) => s.rows).filter((r) => r.verdict !== '');
  const missed = judged.filter((r) => r.verdict === 'MISSED').map((r) => r.figure);
  const machine = `${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}`;
  const { peaks } = figures;
  const text = [
    `Machine: ${machine}. Both started as \`${NODE_COMMAND} <entry>\`: bot ${ENTRY.bot}, floor ${ENTRY.floor}.`,
    '',
    renderTable(table),
    '',
    `Most orders sent to one process in any 60 s: bot ${peaks.bot}, floor ${peaks.floor} (the bot's limit: ${ORDERS_PER_MINUTE}).`,
    ...KINDS.filter((kind) => peaks[kind] >= ORDERS_PER_MINUTE).map(
      (kind) => `WARNING: the ${kind} was sent ${ORDERS_PER_MINUTE} orders within 60 s, the bot's budget.`,
    ),
    `Targets met: ${judged.length - missed.length} of ${judged.length}.${missed.map((m) => `\n  MISSED: ${m}`).join('')}`,
    `Run time ${runSeconds.toFixed(0)} s, build not included. Results: bench/results/latest.json`,
  ].join('\n');
  const bursts = figures.bursts.map(({ storeLatencyMs, samples }) => {
    return { storeLatencyMs, bot: pooled(samples.bot), floor: pooled(samples.floor) };
  });
  const json = { generatedAt: new Date(), machine, command: NODE_COMMAND, entry: ENTRY, plan, table, missed };
  return { text, json: { ...json, runSeconds, figures: { ...figures, bursts } } };
}
