import { parentPort, workerData } from 'node:worker_threads';
import { startStoreEmulator } from '../tests/emulators/store/index.js';
import type { StoreThreadOptions, StoreThreadReply, StoreThreadRequest } from './store-thread.js';

/**
 * The store thread (see StoreThread): the store emulator, and the store's own time per
 * create-order by Idempotency-Key, handed to the benchmark when it asks.
 */
async function serve(options: StoreThreadOptions): Promise<void> {
  const port = parentPort;
  if (port === null) throw new Error('the store thread has no parent');
  const times = new Map<string, number>();
  const store = await startStoreEmulator({
    ...options,
    onRequest(record) {
      const key = record.headers['idempotency-key'];
      if (record.route === 'create' && key !== undefined) times.set(key, record.durationMs ?? 0);
    },
  });
  port.on('message', (request: StoreThreadRequest) => {
    // Only the times are read from here: the emulator's own log of requests is not kept.
    store.requests.length = 0;
    if (request.type === 'close') {
      void store.close().then(() => {
        port.postMessage({ id: request.id } satisfies StoreThreadReply);
      });
      return;
    }
    const taken: [string, number][] = [];
    for (const key of request.keys) {
      const ms = times.get(key);
      if (ms === undefined) continue;
      taken.push([key, ms]);
      times.delete(key);
    }
    port.postMessage({ id: request.id, times: taken } satisfies StoreThreadReply);
  });
  port.postMessage({ baseUrl: store.baseUrl });
}

await serve(workerData as StoreThreadOptions);
