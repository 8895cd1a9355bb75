import { setTimeout as sleep } from 'node:timers/promises';
import { until } from '../tests/e2e/harness.js';
import type { EditRecord, InteractionHandle } from '../tests/emulators/discord/index.js';
import { ORDER_VALUES, checkPaymentButton, isInvoice, orderKey } from './fixture.js';
import type { Target } from './launch.js';

/** Discord's deadline for the first callback of an interaction. */
export const ACK_DEADLINE_MS = 3000;

/** Every order comes from a user of its own (snowflake-shaped IDs, unique over the run). */
let lastUser = 300_000_000_000_000_000n;
function order(target: Target): InteractionHandle {
  lastUser += 1n;
  const user = { id: String(lastUser) };
  return target.discord.dispatchCommand({ name: 'order', locale: 'en-US', user });
}

function submit(target: Target, command: InteractionHandle): InteractionHandle {
  target.submitted.push(performance.now());
  return target.discord.submitModal(command, ORDER_VALUES);
}

const acked = (handle: InteractionHandle) => (handle.callbacks[0]?.status ?? 500) < 300;
const finalEdit = (handle: InteractionHandle): EditRecord | undefined =>
  handle.edits.find((edit) => edit.messageId === '@original' && edit.status < 300);

/** Waits until `done` holds, polled every 20 ms; fails at once if the process has exited. */
function waitFor(target: Target, done: () => boolean, what: string, timeoutMs: number): Promise<true> {
  return until(
    () => {
      if (!target.proc.alive) throw new Error(`the ${target.kind} exited:\n${target.proc.output.join('\n')}`);
      return done();
    },
    `${what} (${target.kind})`,
    timeoutMs,
  );
}

/** Drops what the emulators and the process's log keep of finished orders: memory stays flat. */
function forget(target: Target, handles: InteractionHandle[]): void {
  target.discord.forget(handles);
  target.discord.requests.length = 0;
  target.proc.output.length = 0;
  target.proc.logs.length = 0;
}

export interface BurstSample {
  /** `/order` dispatched → its first callback (the modal) received, ms, per user. */
  commandMs: number[];
  /** Modal submit dispatched → its first callback (the defer) received, ms, per submit. */
  submitMs: number[];
  /** Interactions (two per user), and those whose first callback succeeded in under 3 s. */
  interactions: number;
  ackedInTime: number;
  /**
   * The store's answer → the invoice received by the Discord emulator, ms, per user (Infinity
   * without an invoice). The floor has no store: from its defer, which its invoice follows at once.
   */
  invoiceMs: number[];
}

const firstCallbackMs = (handle: InteractionHandle) =>
  (handle.callbacks[0]?.at ?? Infinity) - handle.dispatchedAt;

/**
 * `users` users run `/order` at the same instant; once every modal is shown, all of them submit
 * at the same instant. Returns once every submit is answered and the store has reported its answers.
 */
export async function burst(target: Target, users: number): Promise<BurstSample> {
  const commands = Array.from({ length: users }, () => order(target));
  await waitFor(target, () => commands.every((c) => c.callbacks.length > 0), 'every modal', 30_000);
  const keys = new Map(commands.filter(acked).map((c) => [submit(target, c), orderKey(c.id, c.user.id)]));
  const submits = [...keys.keys()];
  const done = (s: InteractionHandle) => s.callbacks.length > 0 && (!acked(s) || finalEdit(s) !== undefined);
  await waitFor(target, () => submits.every(done), 'every final edit', 60_000);
  const invoices = submits.flatMap((s) => {
    const edit = finalEdit(s);
    const key = keys.get(s) ?? '';
    return edit && isInvoice(edit.body) ? [{ at: edit.at, key, deferredAt: s.callbacks[0]?.at ?? NaN }] : [];
  });
  // The store's thread reports its answers in messages, which may trail the edits they led to.
  const { answeredAt } = target;
  if (answeredAt)
    await waitFor(target, () => invoices.every((i) => answeredAt.has(i.key)), 'the store', 10_000);
  const interactions = [...commands, ...submits];
  const invoiceMs = invoices.map((i) => i.at - (answeredAt?.get(i.key) ?? i.deferredAt));
  for (const i of invoices) answeredAt?.delete(i.key);
  forget(target, interactions);
  return {
    commandMs: commands.map(firstCallbackMs),
    submitMs: submits.map(firstCallbackMs),
    interactions: 2 * users,
    ackedInTime: interactions.filter((h) => acked(h) && firstCallbackMs(h) < ACK_DEADLINE_MS).length,
    invoiceMs: [...invoiceMs, ...new Array<number>(users - invoiceMs.length).fill(Infinity)],
  };
}

/** One user's order, start to finish, each step as soon as the one before is answered. */
async function oneOrder(target: Target): Promise<boolean> {
  const command = order(target);
  await command.waitForCallback(30_000);
  const submission = submit(target, command);
  await submission.waitForCallback(30_000);
  const edit = await submission.waitForEdit(undefined, 30_000);
  forget(target, [command, submission]);
  return isInvoice(edit.body);
}

/**
 * `count` orders from distinct users, started `perSecond` a second with at most `concurrency` in
 * flight (a start waits for a free slot). Returns how many were answered with an invoice.
 */
export async function sequence(
  target: Target,
  { count, perSecond, concurrency }: { count: number; perSecond: number; concurrency: number },
): Promise<number> {
  const started = performance.now();
  let next = 0;
  let invoices = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) {
      await sleep(started + (i * 1000) / perSecond - performance.now());
      if (await oneOrder(target)) invoices += 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  target.answeredAt?.clear();
  return invoices;
}

export interface PressSample {
  /** Invoices pending while the buttons are pressed. */
  pending: number;
  /** Status reads the payment watch had made when the buttons were pressed. */
  watchReads: number;
  /** Check payment pressed → its first callback received, ms, per press. */
  ackMs: number[];
  /** Check payment pressed → the message edited with the answer received, ms, per press. */
  answerMs: number[];
  /** Presses answered with a status read for them; the others were told to try again shortly. */
  read: number;
}

/**
 * `pending` users each place an order and leave its invoice unpaid; once the payment watch has
 * made `watchShare` status reads (its share of the token's reads a minute), the `presses` newest
 * press Check payment at the same instant. `statusReads` counts the store's answered status reads.
 */
export async function presses(
  target: Target,
  { pending, presses: count, watchShare }: { pending: number; presses: number; watchShare: number },
  statusReads: () => number,
): Promise<PressSample> {
  const commands = Array.from({ length: pending }, () => order(target));
  await waitFor(target, () => commands.every((c) => c.callbacks.length > 0), 'every modal', 30_000);
  const submits = commands.map((command) => submit(target, command));
  const invoice = (s: InteractionHandle) => checkPaymentButton(finalEdit(s)?.body);
  await waitFor(target, () => submits.every((s) => invoice(s) !== undefined), 'every invoice', 60_000);
  await waitFor(target, () => statusReads() >= watchShare, 'the payment watch', 60_000);
  const watchReads = statusReads();
  // The newest invoices: the watch, which checks the longest overdue first, has not read them, so
  // no status read in the last 10 s is shown again instead.
  const clicks = submits.slice(-count).map((s) => target.discord.dispatchComponent(s, invoice(s) ?? ''));
  const answered = (c: InteractionHandle) => c.edits.some((e) => e.status < 300);
  await waitFor(target, () => clicks.every(answered), 'every press answered', 30_000);
  const read = statusReads() - watchReads;
  const answerMs = clicks.map((c) => (c.edits.find((e) => e.status < 300)?.at ?? Infinity) - c.dispatchedAt);
  forget(target, [...commands, ...submits, ...clicks]);
  return { pending, watchReads, ackMs: clicks.map(firstCallbackMs), answerMs, read };
}
