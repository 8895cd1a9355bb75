import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startWorld, type BotProcess, type World, type WorldOptions } from './harness.js';

/**
 * One World and one bot for the tests of a describe block: started before them (handed to
 * `started`, for the block's own variables), the store's injected faults cleared before each test,
 * closed after them all. Kept apart from harness.ts, which bench/ and scripts/ import outside vitest.
 */
export function sharedWorld(options: WorldOptions, started: (world: World, bot: BotProcess) => void): void {
  let world: World | undefined;
  beforeAll(async () => {
    world = await startWorld(options);
    started(world, await world.start());
  }, 30_000);
  beforeEach(() => {
    world?.store.clearFaults();
  });
  afterAll(async () => {
    await world?.close();
  });
}
