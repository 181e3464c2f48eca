// `run(fn)` on a CapacityLimiter, a Semaphore or a Lock that another holds: the waiter calls `fn`
// itself once granted, by one of three ways depending on the runtime (see
// src/sync/resume-way.ts). Each scenario runs under every way this runtime supports.
import { AsyncLocalStorage } from 'node:async_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CancelScope,
  CapacityLimiter,
  getCurrentTask,
  Lock,
  Semaphore,
  waitAllTasksBlocked,
  withTaskGroup,
} from '../../src/index.js';
import { _forceResumeWay, type ResumeWay, resumeWay } from '../../src/sync/resume-way.js';
import { callbacksEndingEveryWay, EVERY_ENDING_OUTCOMES } from '../helpers/callback-endings.js';
import { waiterRunsAfterHolderIsCancelled } from '../helpers/holder-cancelled.js';

/** A primitive with one token (or a lock), taken by the test's task, and how to give it back. */
interface Full {
  readonly run: <R>(fn: () => PromiseLike<R> | R) => Promise<R>;
  readonly waiting: () => number;
  readonly giveBack: () => void;
  readonly free: () => number;
}

const primitives: Record<string, () => Full> = {
  CapacityLimiter: () => {
    const limiter = new CapacityLimiter(1);
    limiter.acquireOnBehalfOfNowait('holder');
    return {
      run: (fn) => limiter.run(fn),
      waiting: () => limiter.statistics().tasksWaiting,
      giveBack: () => limiter.releaseOnBehalfOf('holder'),
      free: () => limiter.availableTokens,
    };
  },
  Semaphore: () => {
    const semaphore = new Semaphore(1);
    semaphore.acquireNowait();
    return {
      run: (fn) => semaphore.run(fn),
      waiting: () => semaphore.statistics().tasksWaiting,
      giveBack: () => semaphore.release(),
      free: () => semaphore.value,
    };
  },
  Lock: () => {
    const lock = new Lock();
    lock.acquireNowait();
    return {
      run: (fn) => lock.run(fn),
      waiting: () => lock.statistics().tasksWaiting,
      giveBack: () => lock.release(),
      free: () => (lock.locked() ? 0 : 1),
    };
  },
};

// Whether the runtime runs a thenable's then() in its promise's context, once its trial (a few
// microtask turns) has run.
async function thenableWayApplies(): Promise<boolean> {
  resumeWay();
  await new Promise((resolve) => setTimeout(resolve, 0));
  return resumeWay() === 'thenable';
}

const supportsThenableWay = await thenableWayApplies();
const ways: ResumeWay[] = supportsThenableWay ? ['reaction', 'resource', 'thenable'] : ['reaction', 'resource'];

afterEach(() => _forceResumeWay(undefined));

it("the runtime's answer is what a thenable's then() does here", async () => {
  const storage = new AsyncLocalStorage<string>();
  let resolve!: (value: unknown) => void;
  storage.run('made', () => {
    // eslint-disable-next-line @corral/no-leaked-tasks -- never settles and is never awaited: only its resolution job is observed
    void new Promise((settle) => (resolve = settle));
  });
  const ranIn = await new Promise<string | undefined>((report) => {
    storage.run('resolved from', () => resolve({ then: () => report(storage.getStore()) }));
  });
  expect(supportsThenableWay).toBe(ranIn === 'made');
  expect(['made', 'resolved from']).toContain(ranIn);
});

describe.each(ways)('run(fn) waiting in line, the %s way', (way) => {
  it('uses the way under test', () => {
    _forceResumeWay(way);
    expect(resumeWay()).toBe(way);
  });

  describe.each(Object.keys(primitives))('%s', (name) => {
    const make = primitives[name]!;

    it("calls back in the waiting task, with the caller's AsyncLocalStorage values, however the callback ends", async () => {
      _forceResumeWay(way);
      const full = make();
      const request = new AsyncLocalStorage<string>();
      const outcomes: unknown[] = [];
      const seen: string[] = [];
      const callbacks = [...callbacksEndingEveryWay(), () => 'last'];
      await withTaskGroup(async (tg) => {
        for (const [index, callback] of callbacks.entries()) {
          tg.startSoon(async function waiter() {
            await request.run(`request ${index}`, async () => {
              outcomes[index] = await full
                .run(() => {
                  seen.push(`${getCurrentTask().name}, ${request.getStore()}`);
                  return callback();
                })
                .then(
                  (value) => value,
                  (error: unknown) => (error as Error).message,
                );
            });
          });
        }
        await waitAllTasksBlocked();
        expect(full.waiting()).toBe(callbacks.length);
        // Given back from outside any request: the callbacks must not see this context.
        request.run('the releasing code', () => full.giveBack());
      });
      expect(seen).toEqual(callbacks.map((_, index) => `waiter, request ${index}`));
      expect(outcomes).toEqual([...EVERY_ENDING_OUTCOMES, 'last']);
      expect(full.free()).toBe(1);
    });

    it('a waiter cancelled in line is not called back, and the token goes to the next one', async () => {
      _forceResumeWay(way);
      const full = make();
      const called: string[] = [];
      await withTaskGroup(async (tg) => {
        const first = tg.startSoon(() => full.run(() => called.push('first')));
        tg.startSoon(() => full.run(() => called.push('second')));
        await waitAllTasksBlocked();
        first.cancel();
        await waitAllTasksBlocked();
        expect(full.waiting()).toBe(1);
        full.giveBack();
      });
      expect(called).toEqual(['second']);
      expect(full.free()).toBe(1);
    });

    it('a waiter handed the token and cancelled in the same instant still calls back and gives it back', async () => {
      _forceResumeWay(way);
      const full = make();
      let called = false;
      await withTaskGroup(async (tg) => {
        const waiter = tg.startSoon(() =>
          full.run(() => {
            called = true;
          }),
        );
        await waitAllTasksBlocked();
        full.giveBack();
        waiter.cancel();
      });
      expect(called).toBe(true);
      expect(full.free()).toBe(1);
    });

    it('in a cancelled scope, raises Cancelled without waiting or calling back', async () => {
      _forceResumeWay(way);
      const full = make();
      let called = false;
      const scope = new CancelScope();
      // From a task of its own: the test's task holds the lock.
      await withTaskGroup((tg) => {
        tg.startSoon(() =>
          scope.run(async () => {
            scope.cancel();
            await full.run(() => (called = true));
          }),
        );
      });
      expect(scope.cancelledCaught).toBe(true);
      expect(called).toBe(false);
      expect(full.waiting()).toBe(0);
      full.giveBack();
      expect(full.free()).toBe(1);
    });

    it('a holder cancelled while another task waits does not deadlock the waiter', async () => {
      _forceResumeWay(way);
      const full = make();
      full.giveBack();
      expect(await waiterRunsAfterHolderIsCancelled((fn) => full.run(fn))).toBe(true);
      expect(full.free()).toBe(1);
    });
  });
});

describe.each(ways)('a second run(fn) of one task while its first waits in line, the %s way', (way) => {
  // Only the primitives with an owner: a Semaphore's tokens have none.
  describe.each(['Lock', 'CapacityLimiter'])('%s', (name) => {
    const make = primitives[name]!;

    it('fails at once with the same error as when the first holds it, and the first runs', async () => {
      _forceResumeWay(way);
      const full = make();
      let results: PromiseSettledResult<string>[] = [];
      await withTaskGroup(async (tg) => {
        tg.startSoon(async () => {
          results = await Promise.allSettled([full.run(() => 'first'), full.run(() => 'second')]);
        });
        await waitAllTasksBlocked();
        expect(full.waiting()).toBe(1);
        full.giveBack();
      });
      expect(results[0]).toEqual({ status: 'fulfilled', value: 'first' });
      expect(results[1]?.status).toBe('rejected');
      expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(
        /already (holds this lock or is waiting for it|holding one of this limiter's tokens or waiting for one)/,
      );
      expect(full.free()).toBe(1);
    });
  });
});
