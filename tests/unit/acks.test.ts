import { setImmediate as turn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';

import { AckFirst } from '../../src/acks.js';

/** Whether the promise has settled after the event loop had a full turn to settle it. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true));
  await turn();
  return done;
}

describe('AckFirst', () => {
  it('lets work through at once when nothing waits for its acknowledgement', async () => {
    const acks = new AckFirst(60_000);
    expect(await settled(acks.idle())).toBe(true);
  });

  it('holds work back until every interaction that arrived is acknowledged', async () => {
    const acks = new AckFirst(60_000);
    const first = acks.arrive();
    const second = acks.arrive();
    const work = acks.idle();
    expect(await settled(work)).toBe(false);
    first();
    expect(acks.unacknowledged).toBe(1);
    expect(await settled(work)).toBe(false);
    second();
    expect(acks.unacknowledged).toBe(0);
    expect(await settled(work)).toBe(true);
  });

  it('counts an interaction once however often it is marked acknowledged', async () => {
    const acks = new AckFirst(60_000);
    const first = acks.arrive();
    const second = acks.arrive();
    first();
    first();
    expect(acks.unacknowledged).toBe(1);
    const work = acks.idle();
    expect(await settled(work)).toBe(false);
    second();
    expect(await settled(work)).toBe(true);
  });

  it('never starves work: it goes ahead after maxWaitMs even if arrivals keep coming', async () => {
    const acks = new AckFirst(5);
    acks.arrive(); // never acknowledged
    await acks.idle(); // resolves by the bound (the test would time out otherwise)
    expect(acks.unacknowledged).toBe(1);
  });
});
