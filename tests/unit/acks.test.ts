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

/** Three pieces of work held by one interaction, which is then acknowledged, and one turn of the loop. */
async function threePiecesReleased(): Promise<{ acks: AckFirst; done: number[] }> {
  const acks = new AckFirst(60_000);
  const first = acks.arrive();
  const done: number[] = [];
  for (const piece of [1, 2, 3]) void acks.idle().then(() => done.push(piece));
  first();
  await turn();
  return { acks, done };
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

  it('lets the work that waited go one piece per turn of the event loop, oldest first', async () => {
    const { acks, done } = await threePiecesReleased();
    expect(done).toEqual([1]);
    // Work that asks now, while nothing is pending, still goes after what was already waiting.
    void acks.idle().then(() => done.push(4));
    await turn();
    expect(done).toEqual([1, 2]);
    await turn();
    await turn();
    expect(done).toEqual([1, 2, 3, 4]);
  });

  it('holds the rest of the work again for an interaction that arrives between two pieces', async () => {
    const { acks, done } = await threePiecesReleased();
    expect(done).toEqual([1]);
    const late = acks.arrive();
    await turn();
    await turn();
    expect(done).toEqual([1]);
    late();
    await turn();
    expect(done).toEqual([1, 2]);
    await turn();
    expect(done).toEqual([1, 2, 3]);
  });

  it('never starves work: it goes ahead after maxWaitMs even if arrivals keep coming', async () => {
    const acks = new AckFirst(5);
    acks.arrive(); // never acknowledged
    const waiting = [acks.idle(), acks.idle()];
    acks.arrive(); // another, while they wait
    await Promise.all(waiting); // both go by the bound (the test would time out otherwise)
    expect(acks.unacknowledged).toBe(2);
  });
});
