import { Worker } from 'node:worker_threads';
import type { StoreEmulatorOptions } from '../tests/emulators/store/index.js';

/**
 * The LeuwongRR store emulator in a thread of its own. In the benchmark's main thread it would
 * share the event loop that timestamps every callback: during the bot's rounds (the floor calls no
 * store) that loop also parsed, validated and answered each create-order, and each callback that
 * arrived meanwhile was timed late by that much (measured: 64 ms more work per 50-user round).
 * A real store is on another machine; here it is at least off the measuring thread.
 */
export interface StoreThread {
  /** `http://127.0.0.1:PORT/api/v1` */
  readonly baseUrl: string;
  /**
   * The store's own time (ms) for the create-order call of each Idempotency-Key, for those of
   * `keys` it has answered; they are forgotten once taken, so the thread's memory stays flat.
   */
  takeTimes(keys: readonly string[]): Promise<Map<string, number>>;
  close(): Promise<void>;
}

/** What the store thread is started with (`workerData`). */
export type StoreThreadOptions = Pick<StoreEmulatorOptions, 'accounts' | 'rateLimit' | 'orderLatencyMs'>;

export type StoreThreadRequest =
  { id: number; type: 'take'; keys: readonly string[] } | { id: number; type: 'close' };
export interface StoreThreadReply {
  id: number;
  times?: [string, number][];
}

/** The thread's compiled entry point (`npm run bench` builds it first: bench/tsconfig.floor.json). */
export const STORE_THREAD_ENTRY = 'dist/bench/store-server.js';

export async function startStoreThread(options: StoreThreadOptions): Promise<StoreThread> {
  // Compiled, as the floor is: tsx's loader does not reach worker threads on Node 20.
  const worker = new Worker(new URL(`../${STORE_THREAD_ENTRY}`, import.meta.url), { workerData: options });
  const baseUrl = await new Promise<string>((resolve, reject) => {
    worker.once('message', (message: { baseUrl: string }) => {
      resolve(message.baseUrl);
    });
    worker.once('error', reject);
  });
  let next = 0;
  let stopped: Error | undefined;
  const waiting = new Map<
    number,
    { resolve: (reply: StoreThreadReply) => void; reject: (error: Error) => void }
  >();
  worker.on('message', (reply: StoreThreadReply) => {
    waiting.get(reply.id)?.resolve(reply);
    waiting.delete(reply.id);
  });
  // A thread that died answers nothing: whoever waits for it hears so instead of waiting forever.
  const stop = (error: Error) => {
    stopped ??= error;
    for (const { reject } of waiting.values()) reject(stopped);
    waiting.clear();
  };
  worker.on('error', stop);
  worker.on('exit', (code) => {
    stop(new Error(`the store thread exited (code ${code})`));
  });
  const ask = (request: StoreThreadRequest) =>
    new Promise<StoreThreadReply>((resolve, reject) => {
      if (stopped) {
        reject(stopped);
        return;
      }
      waiting.set(request.id, { resolve, reject });
      worker.postMessage(request);
    });
  return {
    baseUrl,
    async takeTimes(keys) {
      const reply = await ask({ id: next++, type: 'take', keys });
      return new Map(reply.times ?? []);
    },
    async close() {
      await ask({ id: next++, type: 'close' });
      await worker.terminate();
    },
  };
}
