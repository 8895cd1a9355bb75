import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { startStoreEmulator, type StoreEmulator } from '../tests/emulators/store/index.js';

/**
 * The store emulator in a worker thread. The main thread's event loop runs the Discord emulator,
 * which timestamps every callback and edit; on that loop, the store's work for the bot's orders
 * (about 0.27 ms each; the floor calls no store) would delay the bot's timestamps by up to about
 * 135 ms in a burst of 500. Times cross threads as `performance.timeOrigin + performance.now()`,
 * the same clock in both, so the store's answer compares with the Discord emulator's receipts.
 */
export interface StoreThread {
  /** `http://127.0.0.1:PORT/api/v1` */
  readonly baseUrl: string;
  /**
   * When the store answered each create-order (performance.now() of the main thread), by
   * Idempotency-Key, as its messages arrive. Readers delete what they have read.
   */
  readonly answeredAt: Map<string, number>;
  /** Invoice status reads the store has answered so far. */
  readonly statusReads: () => number;
  close(): Promise<void>;
}

interface StoreOptions {
  orderLatencyMs: number;
  /** The one account's API token: the bot's LEUWONG_API_TOKEN. */
  token: string;
}

type StoreMessage =
  { type: 'ready'; baseUrl: string } | { type: 'answered'; key: string; at: number } | { type: 'read' };

export async function startStoreThread(options: StoreOptions): Promise<StoreThread> {
  // tsx's loader does not reach worker threads on Node 20: the thread loads this file through it.
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const self = JSON.stringify(import.meta.url);
  const worker = new Worker(`import(${tsx}).then((api) => api.tsImport(${self}, ${self}))`, {
    eval: true,
    workerData: options,
  });
  const answeredAt = new Map<string, number>();
  let statusReads = 0;
  const baseUrl = await new Promise<string>((resolve, reject) => {
    worker.once('error', reject);
    worker.on('message', (message: StoreMessage) => {
      if (message.type === 'answered') answeredAt.set(message.key, message.at - performance.timeOrigin);
      else if (message.type === 'read') statusReads += 1;
      else {
        worker.off('error', reject);
        resolve(message.baseUrl);
      }
    });
  });
  return {
    baseUrl,
    answeredAt,
    statusReads: () => statusReads,
    async close() {
      await worker.terminate();
    },
  };
}

/**
 * In the thread: the store emulator, telling the main thread when it answers each create-order,
 * and each invoice status read.
 */
async function serve({ orderLatencyMs, token }: StoreOptions): Promise<void> {
  const port = parentPort;
  if (port === null) throw new Error('the store thread has no parent');
  const post = (message: StoreMessage) => {
    port.postMessage(message);
  };
  const store: StoreEmulator = await startStoreEmulator({
    accounts: [{ token, balance: 0 }],
    rateLimit: false,
    orderLatencyMs,
    onRequest(record) {
      // The benchmark reads only these times: the emulator's request log is not kept.
      store.requests.length = 0;
      if (record.path.endsWith('/status') && record.status === 200) post({ type: 'read' });
      const key = record.headers['idempotency-key'];
      if (record.route !== 'create' || key === undefined || record.durationMs === null) return;
      post({ type: 'answered', key, at: performance.timeOrigin + record.at + record.durationMs });
    },
  });
  post({ type: 'ready', baseUrl: store.baseUrl });
}

if (!isMainThread) await serve(workerData as StoreOptions);
