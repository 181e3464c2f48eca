import { describe, expect, it } from 'vitest';
import {
  currentTime,
  failAfter,
  failAt,
  isCancelled,
  moveOnAfter,
  moveOnAt,
  sleep,
  sleepForever,
  sleepUntil,
  TimeoutError,
} from '../../src/index.js';
import { pendingTimerCount } from '../../src/testing.js';
import { inVirtualTime } from '../helpers/virtual-time.js';

describe('timeouts', () => {
  it('moveOnAfter resolves to undefined when the time is up, to the value otherwise', () =>
    inVirtualTime(async () => {
      const start = currentTime();
      expect(await moveOnAfter(100, () => sleepForever())).toBeUndefined();
      expect(currentTime() - start).toBe(100);
      expect(await moveOnAfter(100, async () => 'quick')).toBe('quick');
      expect(await moveOnAt(currentTime() + 5, async () => { await sleep(10); return 1; })).toBeUndefined();
    }));

  it('failAfter throws TimeoutError when its deadline fired', () =>
    inVirtualTime(async () => {
      await expect(failAfter(50, () => sleep(100))).rejects.toBeInstanceOf(TimeoutError);
      await expect(failAt(currentTime() + 50, () => sleep(100))).rejects.toBeInstanceOf(TimeoutError);
      expect(await failAfter(50, async () => 'in time')).toBe('in time');
    }));

  it('failAfter does not throw TimeoutError after an explicit cancel()', () =>
    inVirtualTime(async () => {
      const result = await failAfter(1000, async (scope) => {
        scope.cancel('not a timeout');
        await sleep(1);
        return 'unreachable';
      });
      expect(result).toBeUndefined();
    }));

  it('an inner timeout does not fire the outer one', () =>
    inVirtualTime(async () => {
      const outer = await failAfter(1000, async () => {
        const inner = await moveOnAfter(10, () => sleepForever());
        return inner ?? 'inner moved on';
      });
      expect(outer).toBe('inner moved on');
    }));

  it('when the outer deadline fires first, the inner failAfter lets Cancelled through', () =>
    inVirtualTime(async () => {
      let innerSaw: unknown;
      const result = await moveOnAfter(10, async () => {
        try {
          await failAfter(1000, () => sleepForever());
        } catch (e) {
          innerSaw = e;
          throw e;
        }
      });
      expect(result).toBeUndefined();
      expect(isCancelled(innerSaw)).toBe(true);
    }));

  it('null or undefined means no timeout', () =>
    inVirtualTime(async () => {
      expect(await moveOnAfter(null, async () => { await sleep(10_000); return 'done'; })).toBe('done');
      expect(await failAfter(undefined, async () => 'done')).toBe('done');
    }));

  it('bad delays are typed errors', async () => {
    await expect(moveOnAfter(Number.NaN, () => 1)).rejects.toBeInstanceOf(TypeError);
    await expect(sleep(-1)).rejects.toBeInstanceOf(RangeError);
    await expect(sleep(Number.NaN)).rejects.toBeInstanceOf(RangeError);
  });

  it('a failAfter on real time leaves no timer behind', async () => {
    const before = pendingTimerCount();
    await expect(failAfter(5, () => sleep(10_000))).rejects.toBeInstanceOf(TimeoutError);
    expect(await moveOnAfter(10_000, async () => 1)).toBe(1);
    expect(pendingTimerCount()).toBe(before);
  });

  it('sleepUntil wakes at the deadline', () =>
    inVirtualTime(async () => {
      const target = currentTime() + 1234;
      await sleepUntil(target);
      expect(currentTime()).toBe(target);
    }));
});
