// Scenarios from AnyIO's task group tests, in Corral's terms.
import { describe, expect, it } from 'vitest';
import {
  CancelScope,
  currentEffectiveDeadline,
  ExceptionGroup,
  moveOnAfter,
  sleep,
  waitAllTasksBlocked,
  withTaskGroup,
} from '../../src/index.js';
import { inVirtualTime } from '../helpers/virtual-time.js';

async function failAfterDelay(text: string, delay: number): Promise<void> {
  try {
    if (delay > 0) await sleep(delay);
  } finally {
    // eslint-disable-next-line no-unsafe-finally
    throw new Error(text);
  }
}

describe('AnyIO task group scenarios', () => {
  it('starting tasks from a running task of the same group works', () =>
    inVirtualTime(async () => {
      let inner = false;
      await withTaskGroup((tg) => {
        tg.startSoon(() => {
          tg.startSoon(() => {
            inner = true;
          });
        });
      });
      expect(inner).toBe(true);
    }));

  it('a host error and a child error (raised while cancelled) both surface, host first', () =>
    inVirtualTime(async () => {
      const error = await withTaskGroup(async (tg) => {
        tg.startSoon(failAfterDelay, 'child', 2000);
        await waitAllTasksBlocked();
        throw new Error('host');
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ExceptionGroup);
      expect((error as ExceptionGroup).errors.map((e) => (e as Error).message)).toEqual(['host', 'child']);
    }));

  it('a host error stops a child before it sets its result', () =>
    inVirtualTime(async () => {
      let result: string | undefined;
      await expect(
        withTaskGroup(async (tg) => {
          tg.startSoon(async () => {
            await sleep(3000);
            result = 'a';
          });
          throw new Error('dummy error');
        }),
      ).rejects.toThrow('dummy error');
      expect(result).toBeUndefined();
    }));

  it('a failing child cancels the host sleep', () =>
    inVirtualTime(async () => {
      let sleepCompleted = false;
      await expect(
        withTaskGroup(async (tg) => {
          tg.startSoon(async () => {
            await waitAllTasksBlocked();
            throw new Error('foo');
          });
          await sleep(500);
          sleepCompleted = true;
        }),
      ).rejects.toThrow('foo');
      expect(sleepCompleted).toBe(false);
    }));

  it('cancelling a scope inside a child does not cancel the group', () =>
    inVirtualTime(async () => {
      let childScope: CancelScope | undefined;
      let hostDone = false;
      await withTaskGroup(async (tg) => {
        tg.startSoon(async () => {
          childScope = new CancelScope();
          await childScope.run(() => sleep(2000));
        });
        await waitAllTasksBlocked();
        childScope!.cancel();
        await sleep(100);
        hostDone = true;
        expect(tg.cancelScope.cancelCalled).toBe(false);
      });
      expect(hostDone).toBe(true);
      expect(childScope!.cancelledCaught).toBe(true);
    }));

  it('nested timeouts: the outer deadline applies inside, and only the outer scope is cancelled', () =>
    inVirtualTime(async () => {
      let sleepCompleted = false;
      let innerCompleted = false;
      let innerScope: CancelScope | undefined;
      const outer = new CancelScope();
      await moveOnAfter(100, async (outerScope) => {
        expect(currentEffectiveDeadline()).toBe(outerScope.deadline);
        await moveOnAfter(1000, async (scope) => {
          innerScope = scope;
          expect(currentEffectiveDeadline()).toBe(outerScope.deadline);
          await sleep(2000);
          sleepCompleted = true;
        });
        innerCompleted = true;
      });
      expect(sleepCompleted).toBe(false);
      expect(innerCompleted).toBe(false);
      expect(innerScope!.cancelCalled).toBe(false);
      expect(outer.cancelCalled).toBe(false);
    }));

  it('a shielded scope inside a cancelled group finishes its work; the rest is cancelled', () =>
    inVirtualTime(async () => {
      let innerSleepCompleted = false;
      let outerSleepCompleted = false;
      let innerScope: CancelScope | undefined;
      await withTaskGroup(async (tg) => {
        tg.startSoon(async () => {
          await waitAllTasksBlocked();
          tg.cancel();
        });
        await moveOnAfter(
          10_000,
          async (scope) => {
            innerScope = scope;
            await sleep(100);
            innerSleepCompleted = true;
          },
          { shield: true },
        );
        await sleep(1000);
        outerSleepCompleted = true;
      });
      expect(innerSleepCompleted).toBe(true);
      expect(outerSleepCompleted).toBe(false);
      expect(innerScope!.cancelCalled).toBe(false);
    }));

  it('a shielded scope cancelled directly is still cancelled', () =>
    inVirtualTime(async () => {
      let sleepCompleted = false;
      await withTaskGroup(async (tg) => {
        const scope = new CancelScope({ shield: true });
        await scope.run(async () => {
          tg.startSoon(async () => {
            await waitAllTasksBlocked();
            scope.cancel();
          });
          await sleep(500);
          sleepCompleted = true;
        });
      });
      expect(sleepCompleted).toBe(false);
    }));

  it('a scope that moved on leaves no cancellation behind', () =>
    inVirtualTime(async () => {
      await moveOnAfter(100, () => sleep(1000));
      await sleep(0); // would raise if the cancellation leaked out of the scope
    }));
});
