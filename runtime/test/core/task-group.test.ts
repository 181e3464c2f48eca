import { describe, expect, it } from 'vitest';
import {
  CancelScope,
  checkpoint,
  ExceptionGroup,
  getCurrentTask,
  getRunningTasks,
  isCancelled,
  named,
  run,
  sleep,
  sleepForever,
  waitAllTasksBlocked,
  withTaskGroup,
} from '../../src/index.js';
import { MockClock } from '../../src/testing.js';
import { inVirtualTime } from '../helpers/virtual-time.js';

class Boom extends Error {}

describe('task groups', () => {
  it('returns only after every child has finished (the seed example)', () =>
    inVirtualTime(async () => {
      const fetched: number[] = [];
      async function fetchData(id: number) {
        await sleep(100);
        fetched.push(id);
        return `data_${id}`;
      }
      await withTaskGroup((tg) => {
        for (let i = 0; i < 3; i++) tg.startSoon(fetchData, i);
      });
      expect(fetched.sort()).toEqual([0, 1, 2]);
    }));

  it('returns the body result', async () => {
    expect(await withTaskGroup(() => 42)).toBe(42);
  });

  it('a failing child cancels its siblings and the host, and surfaces as itself', () =>
    inVirtualTime(async () => {
      const cancelled: string[] = [];
      const error = await withTaskGroup(async (tg) => {
        tg.startSoon(async function sibling() {
          try {
            await sleepForever();
          } catch (e) {
            if (isCancelled(e)) cancelled.push('sibling');
            throw e;
          }
        });
        tg.startSoon(async function failing() {
          await sleep(10);
          throw new Boom('child failed');
        });
        try {
          await sleepForever();
        } catch (e) {
          if (isCancelled(e)) cancelled.push('host');
          throw e;
        }
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Boom);
      expect(cancelled.sort()).toEqual(['host', 'sibling']);
    }));

  it('a failing host cancels the children', () =>
    inVirtualTime(async () => {
      let childCancelled = false;
      const error = await withTaskGroup(async (tg) => {
        tg.startSoon(async () => {
          try {
            await sleepForever();
          } catch (e) {
            childCancelled = isCancelled(e);
            throw e;
          }
        });
        await checkpoint();
        throw new Boom('host failed');
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Boom);
      expect(childCancelled).toBe(true);
    }));

  it('several failures become one ExceptionGroup, in the order they happened', async () => {
    const error = await withTaskGroup((tg) => {
      tg.startSoon(() => {
        throw new Error('first');
      });
      tg.startSoon(() => {
        throw new Error('second');
      });
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExceptionGroup);
    expect(error).toBeInstanceOf(AggregateError);
    const group = error as ExceptionGroup;
    expect(group.errors.map((e) => (e as Error).message)).toEqual(['first', 'second']);
    const [firsts, rest] = group.split((e) => (e as Error).message === 'first');
    expect(firsts?.errors).toHaveLength(1);
    expect(rest?.errors).toHaveLength(1);
    expect(group.subgroup(() => false)).toBeUndefined();
  });

  it('errors in cleanup after a cancellation are still reported, and Cancelled is not', () =>
    inVirtualTime(async () => {
      const error = await withTaskGroup(async (tg) => {
        tg.startSoon(async () => {
          try {
            await sleepForever();
          } finally {
            // eslint-disable-next-line no-unsafe-finally
            throw new Error('cleanup failed');
          }
        });
        tg.startSoon(async () => {
          await sleep(1);
          throw new Boom('trigger');
        });
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ExceptionGroup);
      const messages = (error as ExceptionGroup).errors.map((e) => (e as Error).message);
      expect(messages).toEqual(['trigger', 'cleanup failed']);
      expect((error as ExceptionGroup).errors.some(isCancelled)).toBe(false);
    }));

  it('outer cancellation of an error-free group lets exactly one Cancelled out', () =>
    inVirtualTime(async () => {
      const outer = new CancelScope();
      let seen: unknown;
      await outer.run(async () => {
        try {
          await withTaskGroup((tg) => {
            for (let i = 0; i < 5; i++) tg.startSoon(sleepForever);
            tg.startSoon(async () => {
              await sleep(5);
              outer.cancel('stop');
            });
          });
        } catch (e) {
          seen = e;
          throw e;
        }
      });
      expect(isCancelled(seen)).toBe(true);
      expect(seen).not.toBeInstanceOf(ExceptionGroup);
      expect(outer.cancelledCaught).toBe(true);
    }));

  it("the group's own cancel() is absorbed by the group", () =>
    inVirtualTime(async () => {
      let bodyRan = false;
      await withTaskGroup(async (tg) => {
        bodyRan = true;
        tg.startSoon(sleepForever);
        await sleep(1);
        tg.cancel('enough');
        await checkpoint().catch((e: unknown) => {
          expect(isCancelled(e)).toBe(true);
          throw e;
        });
      });
      expect(bodyRan).toBe(true);
    }));

  it('a child started in a cancelled group runs until its first checkpoint', () =>
    inVirtualTime(async () => {
      const steps: string[] = [];
      await withTaskGroup((tg) => {
        tg.cancel();
        tg.startSoon(async () => {
          steps.push('ran');
          try {
            await checkpoint();
            steps.push('passed checkpoint');
          } catch (e) {
            steps.push(isCancelled(e) ? 'cancelled' : 'other');
            throw e;
          }
        });
      });
      expect(steps).toEqual(['ran', 'cancelled']);
    }));

  it('cancellation is level-triggered: every checkpoint raises until the scope exits', () =>
    inVirtualTime(async () => {
      let raised = 0;
      await new CancelScope().run(async (scope) => {
        scope.cancel();
        for (let i = 0; i < 3; i++) {
          try {
            await checkpoint();
          } catch (e) {
            if (isCancelled(e)) raised++;
          }
        }
      });
      expect(raised).toBe(3);
    }));

  it("an empty group's exit is a scheduling point and never raises Cancelled by itself", async () => {
    const order: string[] = [];
    const other = Promise.resolve().then(() => order.push('other'));
    await new CancelScope().run(async (scope) => {
      scope.cancel();
      await withTaskGroup(() => {
        order.push('body');
      });
      order.push('after group');
    });
    await other;
    expect(order).toEqual(['body', 'other', 'after group']);
  });

  it('starting a task in a group that has exited throws a clear Error', async () => {
    let escaped: { startSoon(fn: () => void): unknown } | undefined;
    await withTaskGroup((tg) => {
      escaped = tg;
    });
    expect(() => escaped!.startSoon(() => undefined)).toThrow(/no longer active/);
  });

  it("a child's context hangs from the group's scope, not from the starter's", () =>
    inVirtualTime(async () => {
      let childFinished = false;
      await withTaskGroup(async (tg) => {
        const inner = new CancelScope();
        await inner.run(async () => {
          tg.startSoon(async () => {
            await sleep(50);
            childFinished = true;
          });
          inner.cancel();
        });
      });
      expect(childFinished).toBe(true);
    }));

  it('task handles report status, names, results and cancel one task alone', () =>
    inVirtualTime(async () => {
      await withTaskGroup(async (tg) => {
        async function fetchData(n: number) {
          await sleep(10);
          return n * 2;
        }
        const a = tg.startSoon(fetchData, 21);
        const b = tg.startSoon(named('sleeper', sleepForever));
        const c = tg.startSoon(() => {
          throw new Boom('nope');
        });
        expect(a.name).toBe('fetchData');
        expect(b.name).toBe('sleeper');
        expect(a.status).toBe('pending');
        expect(await a.result()).toBe(42);
        expect(a.status).toBe('finished');
        b.cancel();
        expect(b.status).toBe('cancelling');
        await b.wait();
        expect(b.status).toBe('cancelled');
        await expect(b.result()).rejects.toThrow(/was cancelled/);
        await c.wait().catch(() => undefined);
      }).catch((e: unknown) => expect(e).toBeInstanceOf(Boom));
    }));

  it('the handle is not thenable', async () => {
    await withTaskGroup((tg) => {
      const handle = tg.startSoon(() => 1);
      expect('then' in handle).toBe(false);
    });
  });

  it('getCurrentTask and getRunningTasks describe the tree', () =>
    inVirtualTime(async () => {
      const root = getCurrentTask();
      await withTaskGroup(async (tg) => {
        tg.startSoon(named('worker', sleepForever));
        await waitAllTasksBlocked();
        const worker = getRunningTasks().find((t) => t.name === 'worker');
        expect(worker?.parentId).toBe(root.id);
        tg.cancel();
      });
      expect(getRunningTasks().some((t) => t.name === 'worker')).toBe(false);
    }));

  it('a cancel reaches parked operations at once: a wake-up right after it comes too late', async () => {
    const clock = new MockClock();
    let proceeded = false;
    await run(
      () =>
        withTaskGroup(async (tg) => {
          tg.startSoon(async () => {
            await sleep(1000);
            proceeded = true;
          });
          await waitAllTasksBlocked();
          tg.cancel();
          clock.jump(2000); // the sleeper's timer fires now, after the cancel reached it
        }),
      { clock, handleSignals: false },
    );
    expect(proceeded).toBe(false);
  });
});
