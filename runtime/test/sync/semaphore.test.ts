import { describe, expect, it } from 'vitest';
import {
  CancelScope,
  checkpoint,
  Event,
  run,
  Semaphore,
  waitAllTasksBlocked,
  withTaskGroup,
  WouldBlock,
} from '../../src/index.js';
import { waiterRunsAfterHolderIsCancelled } from '../helpers/holder-cancelled.js';

describe('Semaphore', () => {
  it('lets value tasks in at once with the scoped form', async () => {
    const semaphore = new Semaphore(2);
    await withTaskGroup((tg) => {
      for (let i = 0; i < 2; i++) {
        tg.startSoon(async () => {
          await using _token = await semaphore.hold();
          expect([0, 1]).toContain(semaphore.value);
        });
      }
    });
    expect(semaphore.value).toBe(2);
  });

  it('works with manual acquire and release', async () => {
    const semaphore = new Semaphore(2);
    await withTaskGroup((tg) => {
      for (let i = 0; i < 2; i++) {
        tg.startSoon(async () => {
          await semaphore.acquire();
          try {
            expect([0, 1]).toContain(semaphore.value);
          } finally {
            semaphore.release();
          }
        });
      }
    });
    expect(semaphore.value).toBe(2);
  });

  it('run() gives the token back when the callback throws', async () => {
    const semaphore = new Semaphore(1);
    await expect(semaphore.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(semaphore.value).toBe(1);
  });

  it('acquireNowait() takes a token, then throws WouldBlock', () => {
    const semaphore = new Semaphore(1);
    semaphore.acquireNowait();
    expect(semaphore.value).toBe(0);
    expect(() => semaphore.acquireNowait()).toThrow(WouldBlock);
  });

  for (const releaseFirst of [false, true]) {
    it(`a waiter cancelled during acquire never gets a token (${releaseFirst ? 'release first' : 'release last'})`, async () => {
      const semaphore = new Semaphore(1);
      let acquired = false;
      await withTaskGroup(async (tg) => {
        await semaphore.acquire();
        await tg.start(async (status) => {
          status.started();
          await semaphore.run(() => {
            acquired = true;
          });
        });
        tg.cancel();
        await new CancelScope({ shield: true }).run(async () => {
          if (releaseFirst) {
            semaphore.release();
            await waitAllTasksBlocked();
          } else {
            await waitAllTasksBlocked();
            semaphore.release();
          }
        });
      });
      expect(acquired).toBe(false);
      expect(semaphore.value).toBe(1);
    });
  }

  it('has an optional maxValue', () => {
    expect(new Semaphore(0, { maxValue: 2 }).maxValue).toBe(2);
    expect(new Semaphore(0).maxValue).toBeNull();
  });

  it('releasing past maxValue is an error', () => {
    const semaphore = new Semaphore(1, { maxValue: 2 });
    semaphore.release();
    expect(() => semaphore.release()).toThrow(/released too many times/);
    expect(semaphore.value).toBe(2);
  });

  it('the maxValue example of its documentation: the first release() beyond the initial value throws', async () => {
    const pool = new Semaphore(4, { maxValue: 4 });
    expect(() => pool.release()).toThrow(/released too many times \(maxValue is 4\)/);
    await pool.acquire();
    expect(pool.value).toBe(3);
    pool.release();
    expect(pool.value).toBe(4);
    expect(() => pool.release()).toThrow(/released too many times/);
  });

  it('a hold whose release failed stays held, and a later release gives the token back', async () => {
    const semaphore = new Semaphore(1, { maxValue: 1 });
    const held = await semaphore.hold();
    semaphore.release(); // a token given back behind the hold's back: the value is at maxValue
    expect(() => held.release()).toThrow(/released too many times/);
    expect(held.released).toBe(false);
    semaphore.acquireNowait();
    held.release();
    expect(held.released).toBe(true);
    expect(semaphore.value).toBe(1);
  });

  it('a hold can be released from another task', async () => {
    const semaphore = new Semaphore(1);
    const held = await semaphore.hold();
    await withTaskGroup((tg) => {
      tg.startSoon(() => held.release());
    });
    expect(held.released).toBe(true);
    expect(semaphore.value).toBe(1);
  });

  it('rejects bad initial and maximum values', () => {
    expect(() => new Semaphore(-1)).toThrow(RangeError);
    expect(() => new Semaphore(1.5)).toThrow(RangeError);
    expect(() => new Semaphore(1, { maxValue: 0 })).toThrow(RangeError);
    expect(() => new Semaphore(3, { maxValue: 2 })).toThrow(/cannot exceed maxValue/);
  });

  it('counts waiting tasks in statistics()', async () => {
    const semaphore = new Semaphore(1);
    await withTaskGroup(async (tg) => {
      expect(semaphore.statistics()).toEqual({ tasksWaiting: 0 });
      await semaphore.run(async () => {
        for (let i = 1; i <= 2; i++) {
          tg.startSoon(() => semaphore.run(() => undefined));
          await waitAllTasksBlocked();
          expect(semaphore.statistics().tasksWaiting).toBe(i);
        }
      });
    });
    expect(semaphore.statistics().tasksWaiting).toBe(0);
  });

  it('reserves a released token for the parked waiter: acquireNowait() right after release() throws WouldBlock', async () => {
    const semaphore = new Semaphore(1);
    await withTaskGroup(async (tg) => {
      semaphore.acquireNowait();
      tg.startSoon(() => semaphore.acquire());
      await waitAllTasksBlocked();
      semaphore.release();
      expect(() => semaphore.acquireNowait()).toThrow(WouldBlock);
      expect(semaphore.value).toBe(0);
    });
  });

  it('hands tokens out in FIFO order', async () => {
    const semaphore = new Semaphore(0);
    const order: number[] = [];
    await withTaskGroup(async (tg) => {
      for (let i = 0; i < 5; i++) {
        tg.startSoon(async () => {
          await semaphore.acquire();
          order.push(i);
        });
        await waitAllTasksBlocked();
      }
      for (let i = 0; i < 5; i++) {
        semaphore.release();
        await checkpoint();
      }
    });
    expect(order).toEqual([0, 1, 2, 3, 4]);
  });

  it('a waiter cancelled in the queue passes the token on to the next one', async () => {
    const semaphore = new Semaphore(0);
    const got: string[] = [];
    await withTaskGroup(async (tg) => {
      const a = tg.startSoon(async () => {
        await semaphore.acquire();
        got.push('a');
      });
      await waitAllTasksBlocked();
      tg.startSoon(async () => {
        await semaphore.acquire();
        got.push('b');
      });
      await waitAllTasksBlocked();
      a.cancel();
      semaphore.release();
    });
    expect(got).toEqual(['b']);
    expect(semaphore.value).toBe(0);
  });

  it('a waiter handed a token and cancelled in the same instant keeps it (nothing lost)', async () => {
    const semaphore = new Semaphore(0);
    const done = new Event();
    let acquired = false;
    await withTaskGroup(async (tg) => {
      const waiter = tg.startSoon(async () => {
        await semaphore.run(async () => {
          acquired = true;
          await checkpoint(); // raises Cancelled; run() gives the token back
        });
      });
      await waitAllTasksBlocked();
      semaphore.release();
      waiter.cancel();
      done.set();
    });
    expect(acquired).toBe(true);
    expect(semaphore.value).toBe(1);
  });

  it('a holder cancelled while another task waits does not deadlock the waiter', async () => {
    const semaphore = new Semaphore(1);
    expect(await waiterRunsAfterHolderIsCancelled((fn) => semaphore.run(fn))).toBe(true);
    expect(semaphore.value).toBe(1);
  });

  it('an uncontended acquire() in a cancelled scope raises Cancelled and takes no token', async () => {
    for (const fastAcquire of [false, true]) {
      const semaphore = new Semaphore(1, { fastAcquire });
      const scope = new CancelScope();
      await scope.run(async () => {
        scope.cancel();
        await semaphore.acquire();
      });
      expect(scope.cancelledCaught).toBe(true);
      expect(semaphore.value).toBe(1);
    }
  });

  it('can be created before any task runs and used in one', async () => {
    const semaphore = new Semaphore(2, { maxValue: 2 });
    expect(semaphore.statistics()).toEqual({ tasksWaiting: 0 });
    await run(
      async () => {
        await semaphore.run(() => expect(semaphore.value).toBe(1));
        await using _token = await semaphore.hold();
        expect(semaphore.value).toBe(1);
      },
      { handleSignals: false },
    );
    expect(semaphore.value).toBe(2);
  });
});
