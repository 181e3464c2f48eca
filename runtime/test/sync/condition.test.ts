import { describe, expect, it } from 'vitest';
import {
  checkpoint,
  Condition,
  Event,
  getCurrentTask,
  isCancelled,
  Lock,
  run,
  waitAllTasksBlocked,
  withTaskGroup,
  WouldBlock,
} from '../../src/index.js';

describe('Condition', () => {
  it('wait() releases the lock until notified (scoped form)', async () => {
    const condition = new Condition();
    await withTaskGroup(async (tg) => {
      await using _held = await condition.hold();
      expect(condition.locked()).toBe(true);
      tg.startSoon(async () => {
        await using _inner = await condition.hold();
        condition.notifyAll();
      });
      await condition.wait();
      expect(condition.locked()).toBe(true);
    });
    expect(condition.locked()).toBe(false);
  });

  it('works with manual acquire and release', async () => {
    const condition = new Condition();
    await withTaskGroup(async (tg) => {
      await condition.acquire();
      try {
        expect(condition.locked()).toBe(true);
        tg.startSoon(async () => {
          await condition.acquire();
          try {
            condition.notifyAll();
          } finally {
            condition.release();
          }
        });
        await condition.wait();
      } finally {
        condition.release();
      }
    });
  });

  it('acquireNowait() takes a free lock, and throws WouldBlock in another task while held', async () => {
    const condition = new Condition();
    condition.acquireNowait();
    expect(condition.locked()).toBe(true);
    let error: unknown;
    await withTaskGroup((tg) => {
      tg.startSoon(() => {
        try {
          condition.acquireNowait();
        } catch (e) {
          error = e;
        }
      });
    });
    expect(error).toBeInstanceOf(WouldBlock);
    condition.release();
  });

  it('a cancelled wait() gets the lock back before Cancelled propagates', async () => {
    let started = false;
    let notified = false;
    let heldWhenCancelled = false;
    const entered = new Event();
    const condition = new Condition();
    await withTaskGroup(async (tg) => {
      tg.startSoon(() =>
        condition.run(async () => {
          started = true;
          entered.set();
          try {
            await condition.wait();
            notified = true;
          } catch (e) {
            if (isCancelled(e)) heldWhenCancelled = condition.statistics().lockStatistics.owner?.id === getCurrentTask().id;
            throw e;
          }
        }),
      );
      await entered.wait();
      await waitAllTasksBlocked();
      expect(condition.locked()).toBe(false);
      tg.cancel();
    });
    expect(started).toBe(true);
    expect(notified).toBe(false);
    expect(heldWhenCancelled).toBe(true);
    expect(condition.locked()).toBe(false);
  });

  it('counts waiting tasks in statistics()', async () => {
    const condition = new Condition();
    await withTaskGroup(async (tg) => {
      expect(condition.statistics().lockStatistics.locked).toBe(false);
      expect(condition.statistics().tasksWaiting).toBe(0);
      await condition.run(() => {
        expect(condition.statistics().lockStatistics.locked).toBe(true);
        expect(condition.statistics().tasksWaiting).toBe(0);
      });
      for (let i = 1; i <= 2; i++) {
        tg.startSoon(() => condition.run(() => condition.wait()));
        await waitAllTasksBlocked();
        expect(condition.statistics().tasksWaiting).toBe(i);
      }
      for (let i = 1; i >= 0; i--) {
        await condition.run(() => condition.notify(1));
        await waitAllTasksBlocked();
        expect(condition.statistics().tasksWaiting).toBe(i);
      }
    });
    expect(condition.statistics().lockStatistics.locked).toBe(false);
    expect(condition.statistics().tasksWaiting).toBe(0);
  });

  it('notifies waiters in FIFO order, n at a time', async () => {
    const condition = new Condition();
    const woken: number[] = [];
    await withTaskGroup(async (tg) => {
      for (let i = 0; i < 4; i++) {
        tg.startSoon(() =>
          condition.run(async () => {
            await condition.wait();
            woken.push(i);
          }),
        );
        await waitAllTasksBlocked();
      }
      await condition.run(() => condition.notify(2));
      await waitAllTasksBlocked();
      expect(woken).toEqual([0, 1]);
      await condition.run(() => condition.notifyAll());
    });
    expect(woken).toEqual([0, 1, 2, 3]);
  });

  it('a notification skips a waiter cancelled before it and reaches the next one', async () => {
    const condition = new Condition();
    const woken: string[] = [];
    await withTaskGroup(async (tg) => {
      const a = tg.startSoon(() =>
        condition.run(async () => {
          await condition.wait();
          woken.push('a');
        }),
      );
      await waitAllTasksBlocked();
      tg.startSoon(() =>
        condition.run(async () => {
          await condition.wait();
          woken.push('b');
        }),
      );
      await waitAllTasksBlocked();
      a.cancel();
      await condition.run(() => condition.notify());
    });
    expect(woken).toEqual(['b']);
  });

  it('a waiter notified and cancelled in the same instant keeps the notification; the next one stays waiting', async () => {
    const condition = new Condition();
    const events: string[] = [];
    await withTaskGroup(async (tg) => {
      const first = tg.startSoon(() =>
        condition.run(async () => {
          await condition.wait();
          events.push('first returned from wait()');
          try {
            await checkpoint();
          } catch (e) {
            if (isCancelled(e)) events.push('first cancelled at its next checkpoint');
            throw e;
          }
        }),
      );
      await waitAllTasksBlocked();
      tg.startSoon(() =>
        condition.run(async () => {
          await condition.wait();
          events.push('second returned from wait()');
        }),
      );
      await waitAllTasksBlocked();
      await condition.run(() => {
        condition.notify(); // hands the notification to `first`...
        first.cancel(); // ...which is cancelled before it runs again
      });
      await waitAllTasksBlocked();
      expect(events).toEqual(['first returned from wait()', 'first cancelled at its next checkpoint']);
      expect(condition.statistics().tasksWaiting).toBe(1);
      await condition.run(() => condition.notify());
    });
    expect(events[2]).toBe('second returned from wait()');
    expect(condition.locked()).toBe(false);
  });

  it('a hold released from another task releases the lock for the task that acquired it', async () => {
    const condition = new Condition();
    const held = await condition.hold();
    let error: unknown;
    await withTaskGroup((tg) => {
      tg.startSoon(() => {
        try {
          held.release();
        } catch (e) {
          error = e;
        }
      });
    });
    expect(error).toBeUndefined();
    expect(held.released).toBe(true);
    expect(condition.locked()).toBe(false);
  });

  it('waitFor() returns once the predicate holds', async () => {
    const condition = new Condition();
    const items: number[] = [];
    await withTaskGroup(async (tg) => {
      tg.startSoon(async () => {
        for (let i = 1; i <= 3; i++) {
          await condition.run(() => {
            items.push(i);
            condition.notifyAll();
          });
        }
      });
      const seen = await condition.run(() => condition.waitFor(() => items.length >= 3 && items.length));
      expect(seen).toBe(3);
    });
  });

  it('wait() and notify() without holding the lock are errors', async () => {
    const condition = new Condition();
    await expect(condition.wait()).rejects.toThrow(/does not hold the underlying lock/);
    expect(() => condition.notify()).toThrow(/does not hold the underlying lock/);
    expect(() => condition.notifyAll()).toThrow(/does not hold the underlying lock/);
  });

  it('can share a lock with another condition', async () => {
    const lock = new Lock();
    const a = new Condition(lock);
    const b = new Condition(lock);
    await a.run(() => {
      expect(b.locked()).toBe(true);
      expect(lock.locked()).toBe(true);
    });
    expect(b.locked()).toBe(false);
  });

  it('can be created before any task runs', async () => {
    const condition = new Condition();
    expect(condition.statistics().tasksWaiting).toBe(0);
    await run(() => condition.run(() => expect(condition.locked()).toBe(true)), { handleSignals: false });
  });
});
