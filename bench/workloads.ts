import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { idempotencyKey } from '../src/orders/keys.js';
import type { InteractionHandle } from '../tests/emulators/discord/index.js';
import type { World } from './targets.js';

/** What every simulated user types in the modal: a valid gamepass order. */
export const ORDER_VALUES: Record<string, string | string[]> = {
  username: 'LeuwongUser',
  place: 'https://www.roblox.com/games/123456789/Some-Game',
  gamepass: '987654321',
  order_type: ['gamepass'],
};

/** Every order comes from a different user (unique snowflake-shaped IDs over the whole run). */
let userSeq = 0;
function nextUser(): { id: string } {
  userSeq += 1;
  return { id: (300000000000000000n + BigInt(userSeq)).toString() };
}

/**
 * A full GC of the benchmark process itself (the emulators live here), run before each burst so a
 * collection of the emulators' garbage does not land in the middle of one and skew both processes.
 */
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** Polls `done` every few ms; false when the time ran out. Measured times come from the emulator's own clock. */
async function until(done: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!done()) {
    if (performance.now() > deadline) return false;
    await sleep(3);
  }
  return true;
}

/** One order as the emulators saw it. Times in ms (performance.now() of the emulators). */
export interface OrderSample {
  /** Dispatch of `/order` → first callback (the modal); Infinity when none came. */
  commandFirstCallback: number;
  commandAcked: boolean;
  /** Dispatch of the modal submit → first callback (the ephemeral defer); Infinity when none came. */
  submitFirstCallback: number;
  submitAcked: boolean;
  /** Dispatch of the submit → first successful edit of @original, minus the store's own time. */
  finalEditMinusStore: number;
  /** The store's own time for this order's create-order call (0 for the floor, which has no store). */
  storeMs: number;
  /** The final edit is an invoice (the order went through). */
  invoiced: boolean;
}

function firstCallbackMs(handle: InteractionHandle): number {
  const first = handle.callbacks[0];
  return first ? first.at - handle.dispatchedAt : Number.POSITIVE_INFINITY;
}

function acked(handle: InteractionHandle): boolean {
  return handle.callbacks[0] !== undefined && handle.callbacks[0].status < 300;
}

function finalEdit(handle: InteractionHandle) {
  return handle.edits.find((e) => e.messageId === '@original' && e.status < 300);
}

function isInvoice(body: unknown): boolean {
  const embeds = (body as { embeds?: { title?: string }[] } | null)?.embeds;
  return embeds?.[0]?.title?.startsWith('Invoice ') === true;
}

/** The Idempotency-Key of the first attempt of the order a `/order` opened, as the bot derives it. */
function keyOf(command: InteractionHandle): string {
  return idempotencyKey(command.id, 1);
}

function sampleOf(
  command: InteractionHandle,
  submit: InteractionHandle | undefined,
  storeMs: number,
): OrderSample {
  const edit = submit ? finalEdit(submit) : undefined;
  return {
    commandFirstCallback: firstCallbackMs(command),
    commandAcked: acked(command),
    submitFirstCallback: submit ? firstCallbackMs(submit) : Number.POSITIVE_INFINITY,
    submitAcked: submit ? acked(submit) : false,
    finalEditMinusStore: submit && edit ? edit.at - submit.dispatchedAt - storeMs : Number.POSITIVE_INFINITY,
    storeMs,
    invoiced: edit ? isInvoice(edit.body) : false,
  };
}

/**
 * One order's sample, read from its interactions' handles; then the Discord emulator forgets those
 * interactions (DiscordEmulator.forget). The benchmark process then keeps the same few MB from the
 * first round to the last, and its own collections stay short: with every interaction remembered
 * they grew from 75 to 207 ms per 500-user round over 10 rounds.
 */
function takeSample(
  world: World,
  command: InteractionHandle,
  submit: InteractionHandle | undefined,
  storeMs: number,
): OrderSample {
  const sample = sampleOf(command, submit, storeMs);
  world.discord.forget(submit ? [command, submit] : [command]);
  return sample;
}

/**
 * `n` users run `/order` at the same instant; once every modal is shown, all of them submit at the
 * same instant. Returns when every submit got its final edit (or the time ran out).
 */
export async function burst(
  world: World,
  n: number,
  options: { afterAcknowledged?: () => void } = {},
): Promise<OrderSample[]> {
  const { discord } = world;
  trimLog(world);
  collectGarbage();
  const commands: InteractionHandle[] = [];
  for (let i = 0; i < n; i++)
    commands.push(discord.dispatchCommand({ name: 'order', locale: 'en-US', user: nextUser() }));
  await until(() => commands.every((c) => c.callbacks.length > 0), 15_000);
  const submits = commands.map((c) => (acked(c) ? discord.submitModal(c, ORDER_VALUES) : undefined));
  const sentAt = performance.now();
  for (const submit of submits) if (submit) world.submitted.push(sentAt);
  if (options.afterAcknowledged) {
    await until(() => submits.every((s) => s === undefined || s.callbacks.length > 0), 60_000);
    options.afterAcknowledged();
  }
  await until(
    () =>
      submits.every(
        (s) => s === undefined || (s.callbacks.length > 0 && (!acked(s) || finalEdit(s) !== undefined)),
      ),
    60_000,
  );
  const times = await world.store.takeTimes(commands.map(keyOf));
  return commands.map((command, i) => takeSample(world, command, submits[i], times.get(keyOf(command)) ?? 0));
}

/**
 * A burst of `n` users (see burst), and one more user's `/order`, dispatched as soon as every
 * submit of the burst is acknowledged: while the process works through the orders it has just
 * acknowledged. Returns that `/order`'s time to its first callback.
 */
export async function lateArrival(world: World, n: number): Promise<number> {
  const { discord } = world;
  const dispatched: { late?: InteractionHandle } = {};
  await burst(world, n, {
    afterAcknowledged: () => {
      dispatched.late = discord.dispatchCommand({ name: 'order', locale: 'en-US', user: nextUser() });
    },
  });
  const { late } = dispatched;
  if (late === undefined) return Number.POSITIVE_INFINITY;
  await until(() => late.callbacks.length > 0, 10_000);
  discord.forget([late]);
  return firstCallbackMs(late);
}

/** One user's order, start to finish, waiting on the emulator's notifications. */
async function oneOrder(world: World): Promise<OrderSample> {
  const { discord } = world;
  const command = discord.dispatchCommand({ name: 'order', locale: 'en-US', user: nextUser() });
  let submit: InteractionHandle | undefined;
  try {
    await command.waitForCallback(10_000);
    submit = discord.submitModal(command, ORDER_VALUES);
    world.submitted.push(performance.now());
    await submit.waitForCallback(10_000);
    await submit.waitForEdit(undefined, 30_000);
  } catch {
    // counted as a failure in the sample
  }
  const key = keyOf(command);
  const times = await world.store.takeTimes([key]);
  return takeSample(world, command, submit, times.get(key) ?? 0);
}

export interface SequenceOptions {
  count: number;
  /** Orders started per second (users spread over time). */
  ratePerSecond: number;
  /** At most this many orders in flight; the next one waits for a free slot. */
  concurrency: number;
}

/**
 * Orders from distinct users, started at a steady rate with at most `concurrency` in flight.
 * The Discord emulator's log is trimmed as it goes so the benchmark's own memory stays flat.
 */
export async function sequence(world: World, options: SequenceOptions): Promise<OrderSample[]> {
  const samples: OrderSample[] = [];
  const interval = 1000 / options.ratePerSecond;
  const start = performance.now();
  let next = 0;
  const worker = async (): Promise<void> => {
    for (;;) {
      const index = next++;
      if (index >= options.count) return;
      await sleep(start + index * interval - performance.now());
      samples.push(await oneOrder(world));
      if (samples.length % 500 === 0) trimLog(world);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  trimLog(world);
  return samples;
}

/**
 * Drops the Discord emulator's request log: the samples are read from the interactions' handles
 * (see takeSample), and the store thread keeps only the times not yet taken.
 */
function trimLog(world: World): void {
  world.discord.requests.length = 0;
}
