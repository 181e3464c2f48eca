import { describe, expect, it } from 'vitest';
import {
  CancelScope,
  CapacityLimiter,
  checkpoint,
  Event,
  getCurrentTask,
  isCancelled,
  Lock,
  run,
  waitAllTasksBlocked,
  withTaskGroup,
  WouldBlock,
} from '../../src/index.js';
import { waiterRunsAfterHolderIsCancelled } from '../helpers/holder-cancelled.js';

describe('Lock', () => {
  it('makes a second task wait while the scoped form holds it', async () => {
    const lock = new Lock();
    const results: string[] = [];
    await withTaskGroup(async (tg) => {
      await using _held = await lock.hold();
      tg.startSoon(async () => {
        expect(lock.locked()).toBe(true);
        await using _inner = await lock.hold();
        results.push('2');
      });
      await waitAllTasksBlocked();
      results.push('1');
    });
    expect(lock.locked()).toBe(false);
    expect(results).toEqual(['1', '2']);
  });

  it('works with manual acquire and release', async () => {
    const lock = new Lock();
    const results: string[] = [];
    await withTaskGroup(async (tg) => {
      await lock.acquire();
      try {
        tg.startSoon(async () => {
          await lock.acquire();
          try {
            results.push('2');
          } finally {
            lock.release();
          }
        });
        await waitAllTasksBlocked();
        results.push('1');
      } finally {
        lock.release();
      }
    });
    expect(lock.locked()).toBe(false);
    expect(results).toEqual(['1', '2']);
  });

  it('run() releases the lock when the callback throws, and returns its value otherwise', async () => {
    const lock = new Lock();
    await expect(lock.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(lock.locked()).toBe(false);
    expect(await lock.run(() => 7)).toBe(7);
    expect(lock.locked()).toBe(false);
  });

  it('run() holds the lock until an async callback settles, and releases after a synchronous throw', async () => {
    const lock = new Lock();
    await lock.run(async () => {
      await checkpoint();
      expect(lock.locked()).toBe(true);
    });
    expect(lock.locked()).toBe(false);
    await expect(
      lock.run(() => {
        throw new Error('sync boom');
      }),
    ).rejects.toThrow('sync boom');
    expect(lock.locked()).toBe(false);
    const thenable: PromiseLike<string> = {
      then: (onFulfilled) => Promise.resolve('from a thenable').then(onFulfilled),
    };
    expect(await lock.run(() => thenable)).toBe('from a thenable');
    expect(lock.locked()).toBe(false);
  });

  it('run() returns, throws and releases alike whatever kind of callback came before', async () => {
    // run() picks its way of waiting for the callback from the previous callback's kind; every
    // order of synchronous and asynchronous, succeeding and failing callbacks must behave the same.
    const lock = new Lock();
    const callbacks: [() => unknown, unknown][] = [
      [() => 1, 1],
      [async () => 2, 2],
      [async () => 3, 3],
      [() => 4, 4],
      [() => Promise.reject(new Error('async boom')), 'async boom'],
      [
        () => {
          throw new Error('sync boom');
        },
        'sync boom',
      ],
      [async () => Promise.reject(new Error('async boom')), 'async boom'],
      [() => 8, 8],
    ];
    for (const [callback, expected] of [...callbacks, ...callbacks.slice().reverse()]) {
      const outcome = await lock.run(callback).then(
        (value) => value,
        (error: unknown) => (error as Error).message,
      );
      expect(outcome).toBe(expected);
      expect(lock.locked()).toBe(false);
    }
  });

  it('a hold released explicitly is not released again by its disposal', async () => {
    const lock = new Lock();
    {
      await using held = await lock.hold();
      held.release();
      expect(held.released).toBe(true);
      expect(lock.locked()).toBe(false);
    }
    expect(lock.locked()).toBe(false);
  });

  it('a hold released from another task releases the lock for the task that acquired it', async () => {
    const lock = new Lock();
    const events: string[] = [];
    await withTaskGroup(async (tg) => {
      const held = await lock.hold();
      tg.startSoon(() => lock.run(() => void events.push('waiter got the lock')));
      await waitAllTasksBlocked();
      tg.startSoon(() => {
        try {
          held.release();
          events.push('released');
        } catch (e) {
          events.push(`release failed: ${String(e)}`);
        }
      });
      await waitAllTasksBlocked();
      expect(events).toEqual(['released', 'waiter got the lock']);
      expect(held.released).toBe(true);
      await held[Symbol.asyncDispose](); // the owner's disposal afterwards does nothing
    });
    expect(lock.locked()).toBe(false);
  });

  it('a hold whose release failed stays held, and a later release gives the lock back', async () => {
    const lock = new Lock();
    const held = await lock.hold();
    lock.release(); // released behind the hold's back: the hold no longer owns the lock
    expect(() => held.release()).toThrow(/does not hold this lock \(it is not locked\)/);
    expect(held.released).toBe(false);
    await lock.acquire();
    held.release();
    expect(held.released).toBe(true);
    expect(lock.locked()).toBe(false);
  });

  it('acquireNowait() takes a free lock, and throws WouldBlock in another task while held', async () => {
    const lock = new Lock();
    lock.acquireNowait();
    expect(lock.locked()).toBe(true);
    let error: unknown;
    await withTaskGroup((tg) => {
      tg.startSoon(() => {
        try {
          lock.acquireNowait();
        } catch (e) {
          error = e;
        }
      });
    });
    expect(error).toBeInstanceOf(WouldBlock);
    lock.release();
  });

  it('acquiring twice from the owning task is an error, not WouldBlock', async () => {
    const lock = new Lock();
    await lock.acquire();
    const again = await lock.acquire().catch((e: unknown) => e);
    expect(again).toBeInstanceOf(Error);
    expect(again).not.toBeInstanceOf(WouldBlock);
    expect(String(again)).toMatch(/already holds this lock or is waiting for it/);
    expect(() => lock.acquireNowait()).toThrow(/already holds this lock or is waiting for it/);
    let nowaitError: unknown;
    try {
      lock.acquireNowait();
    } catch (e) {
      nowaitError = e;
    }
    expect(nowaitError).not.toBeInstanceOf(WouldBlock);
    lock.release();
    expect(lock.locked()).toBe(false);
  });

  it('a second acquire by a task already waiting in line is an error at once, not a deadlock', async () => {
    const lock = new Lock();
    const outcomes = new Map<string, unknown>();
    const note = (name: string) => (outcome: unknown) => void outcomes.set(name, outcome);
    await withTaskGroup(async (tg) => {
      const done = new Event();
      tg.startSoon(() => lock.run(() => done.wait()));
      await waitAllTasksBlocked();
      const first = lock.acquire();
      const second = lock.acquire().then(note('second'), note('second'));
      const third = lock.run(() => 'ran').then(note('run'), note('run'));
      const fourth = lock.hold().then(note('hold'), note('hold'));
      await waitAllTasksBlocked();
      // All three settled while the other task still holds the lock.
      for (const name of ['second', 'run', 'hold']) {
        expect(String(outcomes.get(name))).toMatch(/already holds this lock or is waiting for it/);
      }
      expect(() => lock.acquireNowait()).toThrow(/already holds this lock or is waiting for it/);
      expect(lock.statistics().tasksWaiting).toBe(1);
      done.set();
      await first;
      expect(lock.statistics().owner?.id).toBe(getCurrentTask().id);
      lock.release();
      await Promise.all([second, third, fourth]);
    });
    expect(lock.locked()).toBe(false);
  });

  for (const freeAtFirstCall of [true, false]) {
    it(`two overlapping run() calls of one task: the second fails the same way (lock ${freeAtFirstCall ? 'free' : 'held'} at the first call)`, async () => {
      const lock = new Lock();
      const done = new Event();
      const ran: string[] = [];
      const results = await withTaskGroup(async (tg) => {
        if (!freeAtFirstCall) {
          tg.startSoon(() => lock.run(() => done.wait()));
          await waitAllTasksBlocked();
        }
        const settled = Promise.allSettled([lock.run(() => void ran.push('f')), lock.run(() => void ran.push('g'))]);
        done.set();
        return settled;
      });
      expect(results[0].status).toBe('fulfilled');
      expect(results[1].status).toBe('rejected');
      expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(
        /Lock\.run\(\): task .* already holds this lock or is waiting for it/,
      );
      expect(ran).toEqual(['f']);
      expect(lock.locked()).toBe(false);
    });
  }

  it('a task waiting for two locks at once is refused a second wait for either, and can wait again once served', async () => {
    const [a, b] = [new Lock(), new Lock()];
    const limiter = new CapacityLimiter(1);
    await withTaskGroup(async (tg) => {
      const done = new Event();
      tg.startSoon(async () => {
        await using _a = await a.hold();
        await using _b = await b.hold();
        await using _token = await limiter.hold();
        await done.wait();
      });
      await waitAllTasksBlocked();
      const scope = new CancelScope();
      const waits = [a.acquire(), b.acquire(), scope.run(() => limiter.acquire())];
      for (const lock of [a, b]) {
        await expect(lock.acquire()).rejects.toThrow(/already holds this lock or is waiting for it/);
      }
      await expect(limiter.acquire()).rejects.toThrow(/already holding one of this limiter's tokens or waiting/);
      scope.cancel(); // leaves the limiter's line, not the locks'
      await waitAllTasksBlocked();
      await expect(a.acquire()).rejects.toThrow(/already holds this lock or is waiting for it/);
      expect([a.statistics().tasksWaiting, b.statistics().tasksWaiting, limiter.statistics().tasksWaiting]).toEqual([1, 1, 0]);
      done.set();
      await Promise.all(waits);
      a.release();
      b.release();
      // Served and released: the task may wait for each again.
      await a.run(() => b.run(() => limiter.run(() => undefined)));
    });
    expect([a.locked(), b.locked(), limiter.borrowedTokens]).toEqual([false, false, 0]);
  });

  it('a task whose wait in line was cancelled can wait again', async () => {
    const lock = new Lock();
    const events: string[] = [];
    await withTaskGroup(async (tg) => {
      const done = new Event();
      const scope = new CancelScope();
      tg.startSoon(() => lock.run(() => done.wait()));
      await waitAllTasksBlocked();
      tg.startSoon(async () => {
        await scope.run(() => lock.acquire());
        events.push(`first wait ended, cancelled: ${scope.cancelledCaught}`);
        await lock.run(() => void events.push('second wait got the lock'));
      });
      await waitAllTasksBlocked();
      scope.cancel();
      await waitAllTasksBlocked();
      expect(lock.statistics().tasksWaiting).toBe(1);
      done.set();
    });
    expect(events).toEqual(['first wait ended, cancelled: true', 'second wait got the lock']);
    expect(lock.locked()).toBe(false);
  });

  it('releasing a lock one does not hold is an error', async () => {
    const lock = new Lock();
    expect(() => lock.release()).toThrow(/does not hold this lock \(it is not locked\)/);
    await withTaskGroup(async (tg) => {
      await lock.acquire();
      let error: unknown;
      tg.startSoon(() => {
        try {
          lock.release();
        } catch (e) {
          error = e;
        }
      });
      await waitAllTasksBlocked();
      expect(String(error)).toMatch(/does not hold this lock \(it is held by task/);
      expect(lock.locked()).toBe(true);
      lock.release();
    });
  });

  for (const releaseFirst of [false, true]) {
    it(`a waiter cancelled during acquire never gets the lock (${releaseFirst ? 'release first' : 'release last'})`, async () => {
      const lock = new Lock();
      let acquired = false;
      await withTaskGroup(async (tg) => {
        await lock.acquire();
        await tg.start(async (status) => {
          status.started();
          await lock.run(() => {
            acquired = true;
          });
        });
        tg.cancel();
        await new CancelScope({ shield: true }).run(async () => {
          if (releaseFirst) {
            lock.release();
            await waitAllTasksBlocked();
          } else {
            await waitAllTasksBlocked();
            lock.release();
          }
        });
      });
      expect(acquired).toBe(false);
      expect(lock.locked()).toBe(false);
    });
  }

  it('reports statistics, with the owner as TaskInfo', () =>
    run(
      async () => {
        const lock = new Lock();
        expect(lock.statistics()).toEqual({ locked: false, owner: null, tasksWaiting: 0 });
        await withTaskGroup(async (tg) => {
          await lock.run(async () => {
            expect(lock.statistics()).toEqual({ locked: true, owner: getCurrentTask(), tasksWaiting: 0 });
            for (let i = 1; i <= 2; i++) {
              tg.startSoon(() => lock.run(() => undefined));
              await waitAllTasksBlocked();
              expect(lock.statistics().tasksWaiting).toBe(i);
            }
          });
        });
        expect(lock.statistics()).toEqual({ locked: false, owner: null, tasksWaiting: 0 });
      },
      { handleSignals: false, name: 'lock-stats' },
    ));

  it('can be created before any task runs and used in one', async () => {
    const lock = new Lock();
    expect(lock.statistics()).toEqual({ locked: false, owner: null, tasksWaiting: 0 });
    await run(() => lock.run(() => expect(lock.statistics().owner?.name).toBe('main')), { handleSignals: false });
    expect(lock.locked()).toBe(false);
  });

  it('grants the lock in FIFO order', async () => {
    const lock = new Lock();
    const order: number[] = [];
    await withTaskGroup(async (tg) => {
      await lock.acquire();
      for (let i = 0; i < 5; i++) {
        tg.startSoon(() => lock.run(() => void order.push(i)));
        await waitAllTasksBlocked();
      }
      lock.release();
    });
    expect(order).toEqual([0, 1, 2, 3, 4]);
  });

  it('passes ownership directly to the next waiter: acquireNowait() right after release() cannot jump the queue', async () => {
    const lock = new Lock();
    const proceed = new Event();
    await withTaskGroup(async (tg) => {
      await lock.acquire();
      const waiter = tg.startSoon(async function waiter() {
        await lock.run(() => proceed.wait());
      });
      await waitAllTasksBlocked();
      lock.release();
      expect(lock.statistics().owner?.name).toBe(waiter.name);
      expect(() => lock.acquireNowait()).toThrow(WouldBlock);
      let error: unknown;
      tg.startSoon(() => {
        try {
          lock.acquireNowait();
        } catch (e) {
          error = e;
        }
      });
      await waitAllTasksBlocked();
      expect(error).toBeInstanceOf(WouldBlock);
      proceed.set();
    });
    expect(lock.locked()).toBe(false);
  });

  it('skips a waiter cancelled while queued and gives the lock to the next one', async () => {
    const lock = new Lock();
    const got: string[] = [];
    await withTaskGroup(async (tg) => {
      await lock.acquire();
      tg.startSoon(() => lock.run(() => void got.push('a')));
      await waitAllTasksBlocked();
      const b = tg.startSoon(() => lock.run(() => void got.push('b')));
      await waitAllTasksBlocked();
      tg.startSoon(() => lock.run(() => void got.push('c')));
      await waitAllTasksBlocked();
      b.cancel();
      expect(lock.statistics().tasksWaiting).toBe(2);
      lock.release();
    });
    expect(got).toEqual(['a', 'c']);
    expect(lock.locked()).toBe(false);
  });

  it('a waiter handed the lock and cancelled in the same instant still owns it, and passes it on', async () => {
    const lock = new Lock();
    const events: string[] = [];
    await withTaskGroup(async (tg) => {
      await lock.acquire();
      const first = tg.startSoon(async () => {
        try {
          await lock.run(async () => {
            events.push('first got the lock');
            await new Promise<void>((resolve) => setImmediate(resolve));
            await checkpoint(); // the first checkpoint after the cancel raises Cancelled
          });
        } catch (e) {
          if (isCancelled(e)) events.push('first cancelled');
          throw e;
        }
      });
      await waitAllTasksBlocked();
      tg.startSoon(() => lock.run(() => void events.push('second got the lock')));
      await waitAllTasksBlocked();
      lock.release(); // hands the lock to `first`...
      first.cancel(); // ...which is cancelled before it runs again
    });
    expect(events[0]).toBe('first got the lock');
    expect(events.slice(1).sort()).toEqual(['first cancelled', 'second got the lock']);
    expect(lock.locked()).toBe(false);
  });

  it('a holder cancelled while another task waits does not deadlock the waiter', async () => {
    const lock = new Lock();
    expect(await waiterRunsAfterHolderIsCancelled((fn) => lock.run(fn))).toBe(true);
    expect(lock.locked()).toBe(false);
  });

  it('an uncontended acquire() raises Cancelled in a cancelled scope without taking the lock', async () => {
    for (const fastAcquire of [false, true]) {
      const lock = new Lock({ fastAcquire });
      const scope = new CancelScope();
      await scope.run(async () => {
        scope.cancel();
        await lock.acquire();
      });
      expect(scope.cancelledCaught).toBe(true);
      expect(lock.locked()).toBe(false);
    }
  });

  it('an uncontended acquire() is a scheduling point, unless fastAcquire', async () => {
    for (const fastAcquire of [false, true]) {
      const lock = new Lock({ fastAcquire });
      let timerRan = false;
      const immediate = setImmediate(() => (timerRan = true));
      for (let i = 0; i < 1000; i++) {
        await lock.acquire();
        lock.release();
      }
      clearImmediate(immediate);
      expect(timerRan).toBe(!fastAcquire);
    }
  });
});
