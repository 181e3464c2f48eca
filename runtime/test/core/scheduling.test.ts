import { setImmediate, setTimeout as nativeSetTimeout } from 'node:timers';
import { describe, expect, it } from 'vitest';
import { checkpoint, createMemoryObjectStream, withTaskGroup } from '../../src/index.js';

// Principle 6 of the API contract: a task that loops on checkpoints cannot starve timers and
// I/O callbacks, however cheap its checkpoints are. Each test loops until a macrotask has run;
// if the scheduling points never went through the macrotask queue, it would never end.
describe('scheduling points', () => {
  it('a loop of checkpoints lets a timer fire', async () => {
    let fired = false;
    nativeSetTimeout(() => (fired = true), 1);
    let rounds = 0;
    while (!fired) {
      await checkpoint();
      rounds++;
    }
    expect(rounds).toBeGreaterThan(0);
  });

  it('a producer and a consumer that keep up with each other let an immediate callback run', async () => {
    const [send, receive] = createMemoryObjectStream<number>(100);
    let ran = false;
    setImmediate(() => (ran = true));
    let received = 0;
    await withTaskGroup(async (tg) => {
      tg.startSoon(async () => {
        for (let i = 0; !ran; i++) await send.send(i);
        send.close();
      });
      for await (const item of receive) {
        expect(item).toBe(received);
        received++;
      }
    });
    expect(ran).toBe(true);
    expect(received).toBeGreaterThan(0);
  });
});
