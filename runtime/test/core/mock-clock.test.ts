import { describe, expect, it } from 'vitest';
import { currentTime, failAfter, run, sleep, TimeoutError, withTaskGroup } from '../../src/index.js';
import { MockClock } from '../../src/testing.js';

describe('MockClock', () => {
  it('runs an hour of sleeps and timeouts in virtual time', async () => {
    const clock = new MockClock({ autojumpThreshold: 0 });
    const started = performance.now();
    await run(
      async () => {
        await sleep(3_600_000);
        expect(currentTime()).toBe(3_600_000);
        await expect(failAfter(60_000, () => sleep(120_000))).rejects.toBeInstanceOf(TimeoutError);
        expect(currentTime()).toBe(3_660_000);
      },
      { clock, handleSignals: false },
    );
    expect(performance.now() - started).toBeLessThan(5_000); // virtual, not an hour
  });

  it('wakes concurrent sleepers in deadline order', async () => {
    const order: number[] = [];
    await run(
      () =>
        withTaskGroup((tg) => {
          for (const ms of [300, 100, 200]) {
            tg.startSoon(async () => {
              await sleep(ms);
              order.push(currentTime());
            });
          }
        }),
      { clock: new MockClock({ autojumpThreshold: 0 }), handleSignals: false },
    );
    expect(order).toEqual([100, 200, 300]);
  });

  it('without autojump, time moves only by jump()', async () => {
    const clock = new MockClock({ start: 1000 });
    let woke = false;
    await run(
      () =>
        withTaskGroup(async (tg) => {
          tg.startSoon(async () => {
            await sleep(50);
            woke = true;
          });
          await new Promise((resolve) => setTimeout(resolve, 20));
          expect(woke).toBe(false);
          expect(clock.pendingTimers).toBe(1);
          clock.jump(49);
          expect(woke).toBe(false);
          clock.jump(1);
        }),
      { clock, handleSignals: false },
    );
    expect(woke).toBe(true);
    expect(clock.now()).toBe(1050);
  });

  it('does not jump while tasks are busy at checkpoints', async () => {
    const clock = new MockClock({ autojumpThreshold: 0 });
    await run(
      () =>
        withTaskGroup(async (tg) => {
          tg.startSoon(() => sleep(10));
          // A busy task that checkpoints: time must not move under it.
          const before = currentTime();
          for (let i = 0; i < 2000; i++) await sleep(0);
          expect(currentTime()).toBe(before);
        }),
      { clock, handleSignals: false },
    );
  });

  it('rejects bad options', () => {
    expect(() => new MockClock({ rate: -1 })).toThrow(RangeError);
    expect(() => new MockClock().jump(-5)).toThrow(RangeError);
  });
});
