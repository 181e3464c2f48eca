import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  currentTime,
  ExceptionGroup,
  gather,
  gatherSettled,
  getCurrentTask,
  isCancelled,
  mapConcurrent,
  moveOnAfter,
  race,
  sleep,
  sleepForever,
} from '../../src/index.js';
import { inVirtualTime } from '../helpers/virtual-time.js';

class NotFound extends Error {}

describe('gather', () => {
  it('turns a tuple of functions into a typed tuple of results, in order', () =>
    inVirtualTime(async () => {
      const [n, s] = await gather(
        async () => {
          await sleep(20);
          return 1;
        },
        () => 'two',
      );
      expectTypeOf(n).toEqualTypeOf<number>();
      expectTypeOf(s).toEqualTypeOf<string>();
      expect([n, s]).toEqual([1, 'two']);
      expect(await gather()).toEqual([]);
    }));

  it('a failure cancels the siblings and surfaces as itself (catch by class still works)', () =>
    inVirtualTime(async () => {
      let siblingCancelled = false;
      const error = await gather(
        async () => {
          await sleep(5);
          throw new NotFound('missing');
        },
        async () => {
          try {
            await sleepForever();
          } catch (e) {
            siblingCancelled = isCancelled(e);
            throw e;
          }
        },
      ).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NotFound);
      expect(siblingCancelled).toBe(true);
    }));
});

describe('gatherSettled', () => {
  it('returns Promise.allSettled-shaped outcomes without cancelling siblings', () =>
    inVirtualTime(async () => {
      const outcomes = await gatherSettled(
        async () => {
          await sleep(10);
          return 'ok';
        },
        () => {
          throw new NotFound('x');
        },
      );
      expect(outcomes[0]).toEqual({ status: 'fulfilled', value: 'ok' });
      expect(outcomes[1].status).toBe('rejected');
      expectTypeOf(outcomes[0]).toEqualTypeOf<PromiseSettledResult<string>>();
    }));

  it('cancellation is never reported as a rejected entry', () =>
    inVirtualTime(async () => {
      const result = await moveOnAfter(10, () => gatherSettled(() => sleepForever()));
      expect(result).toBeUndefined();
    }));
});

describe('mapConcurrent', () => {
  it('keeps input order whatever the finishing order', () =>
    inVirtualTime(async () => {
      const out = await mapConcurrent([30, 10, 20], async (ms, index) => {
        await sleep(ms);
        return `${index}:${ms}`;
      });
      expect(out).toEqual(['0:30', '1:10', '2:20']);
    }));

  it('limits concurrency', () =>
    inVirtualTime(async () => {
      let running = 0;
      let peak = 0;
      const start = currentTime();
      const out = await mapConcurrent(
        Array.from({ length: 10 }, (_, i) => i),
        async (i) => {
          running++;
          peak = Math.max(peak, running);
          await sleep(10);
          running--;
          return i * i;
        },
        { limit: 3 },
      );
      expect(peak).toBe(3);
      expect(out).toEqual([0, 1, 4, 9, 16, 25, 36, 49, 64, 81]);
      expect(currentTime() - start).toBe(40);
    }));

  it('rejects a bad limit', async () => {
    await expect(mapConcurrent([1], (x) => x, { limit: 0 })).rejects.toBeInstanceOf(RangeError);
    await expect(mapConcurrent([1], (x) => x, { limit: 1.5 })).rejects.toBeInstanceOf(RangeError);
  });
});

describe('race', () => {
  it('the first to finish wins and the rest are cancelled', () =>
    inVirtualTime(async () => {
      let loserCancelled = false;
      const winner = await race(
        async () => {
          try {
            await sleep(100);
          } catch (e) {
            loserCancelled = isCancelled(e);
            throw e;
          }
          return 'slow';
        },
        async () => {
          await sleep(10);
          return 'fast';
        },
      );
      expect(winner).toBe('fast');
      expect(loserCancelled).toBe(true);
    }));

  it('the first error decides too', () =>
    inVirtualTime(async () => {
      const error = await race(
        async () => {
          await sleep(5);
          throw new NotFound('first');
        },
        async () => {
          await sleep(50);
          return 1;
        },
      ).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NotFound);
      expect(error).not.toBeInstanceOf(ExceptionGroup);
    }));

  it('needs at least one function', async () => {
    await expect(race()).rejects.toBeInstanceOf(TypeError);
  });
});

describe('task names of the result helpers', () => {
  it("name each task after the user's function and its index", () =>
    inVirtualTime(async () => {
      const names: string[] = [];
      async function fetchPage(_url: string) {
        names.push(getCurrentTask().name);
        await sleep(1);
      }
      await mapConcurrent(['a', 'b'], fetchPage);
      await gather(() => {
        names.push(getCurrentTask().name);
      });
      expect(names).toEqual(['fetchPage[0]', 'fetchPage[1]', 'gather[0]']);
    }));
});
