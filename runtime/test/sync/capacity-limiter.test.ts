import { describe, expect, it } from 'vitest';
import {
  CancelScope,
  CapacityLimiter,
  checkpoint,
  Event,
  failAfter,
  getCurrentTask,
  run,
  waitAllTasksBlocked,
  withTaskGroup,
  WouldBlock,
} from '../../src/index.js';
import { callbacksEndingEveryWay, EVERY_ENDING_OUTCOMES } from '../helpers/callback-endings.js';
import { waiterRunsAfterHolderIsCancelled } from '../helpers/holder-cancelled.js';

describe('CapacityLimiter', () => {
  it('rejects a total that is not an integer or Infinity', () => {
    expect(() => new CapacityLimiter(1.5)).toThrow(/totalTokens must be an integer or Infinity/);
    expect(() => new CapacityLimiter('2' as unknown as number)).toThrow(TypeError);
    expect(() => new CapacityLimiter(Number.NaN)).toThrow(TypeError);
  });

  it('rejects a total below 1', () => {
    expect(() => new CapacityLimiter(0)).toThrow(/totalTokens must be >= 1/);
    expect(() => new CapacityLimiter(-1)).toThrow(RangeError);
  });

  it('accepts Infinity', async () => {
    const limiter = new CapacityLimiter(Infinity);
    await limiter.run(() => expect(limiter.availableTokens).toBe(Infinity));
  });

  it('counts borrowed and available tokens', async () => {
    const limiter = new CapacityLimiter(2);
    expect([limiter.totalTokens, limiter.availableTokens, limiter.borrowedTokens]).toEqual([2, 2, 0]);
    await using _token = await limiter.hold();
    expect([limiter.totalTokens, limiter.availableTokens, limiter.borrowedTokens]).toEqual([2, 1, 1]);
  });

  it('never lets more borrowers in than the limit', async () => {
    const limiter = new CapacityLimiter(1);
    let inside = 0;
    async function worker(): Promise<void> {
      for (let i = 0; i < 5; i++) {
        await limiter.run(async () => {
          expect(inside).toBe(0);
          inside = 1;
          await waitAllTasksBlocked();
          inside = 0;
        });
      }
    }
    await withTaskGroup((tg) => {
      for (let i = 0; i < 3; i++) tg.startSoon(worker);
    });
  });

  it('a borrower taking a second token is an error', async () => {
    const limiter = new CapacityLimiter(2);
    await limiter.acquire();
    await expect(limiter.acquire()).rejects.toThrow(/already holding one of this limiter's tokens/);
    expect(() => limiter.acquireNowait()).toThrow(/already holding/);
    const borrower = { name: 'job' };
    limiter.acquireOnBehalfOfNowait(borrower);
    expect(() => limiter.acquireOnBehalfOfNowait(borrower)).toThrow(/already holding/);
  });

  it('one borrower waiting from two tasks: the second wait fails at once, the first gets the token', async () => {
    const limiter = new CapacityLimiter(1);
    const job = { job: 'shared' };
    const outcomes: string[] = [];
    await withTaskGroup(async (tg) => {
      limiter.acquireOnBehalfOfNowait('holder');
      for (const name of ['first', 'second']) {
        tg.startSoon(async () => {
          try {
            await limiter.acquireOnBehalfOf(job);
            outcomes.push(`${name} borrowed`);
          } catch (e) {
            outcomes.push(`${name}: ${(e as Error).message}`);
          }
        });
        await waitAllTasksBlocked();
      }
      limiter.totalTokens = 3;
    });
    expect(outcomes).toEqual([
      "second: CapacityLimiter: a borrower of class Object is already holding one of this limiter's tokens or waiting for one (a borrower holds at most one)",
      'first borrowed',
    ]);
    expect(limiter.statistics().borrowers).toEqual(['holder', job]);
  });

  it('a second acquire by a task already waiting in line fails at once, not a deadlock', async () => {
    const limiter = new CapacityLimiter(1);
    const outcomes = new Map<string, unknown>();
    const note = (name: string) => (outcome: unknown) => void outcomes.set(name, outcome);
    await withTaskGroup(async (tg) => {
      limiter.acquireOnBehalfOfNowait('holder');
      const first = limiter.acquire();
      const second = limiter.acquire().then(note('acquire'), note('acquire'));
      const third = limiter.run(() => 'ran').then(note('run'), note('run'));
      const fourth = limiter.hold().then(note('hold'), note('hold'));
      const job = { job: 'one' };
      const forJob = limiter.acquireOnBehalfOf(job);
      const forJobAgain = limiter.acquireOnBehalfOf(job).then(note('job'), note('job'));
      await waitAllTasksBlocked();
      // All settled while 'holder' still holds the only token.
      for (const name of ['acquire', 'run', 'hold', 'job']) {
        expect(String(outcomes.get(name))).toMatch(/already holding one of this limiter's tokens or waiting for one/);
      }
      expect(() => limiter.acquireNowait()).toThrow(/already holding one of this limiter's tokens or waiting/);
      expect(() => limiter.acquireOnBehalfOfNowait(job)).toThrow(/already holding one of this limiter's tokens or waiting/);
      expect(limiter.statistics().tasksWaiting).toBe(2);
      tg.startSoon(() => limiter.releaseOnBehalfOf('holder'));
      await first;
      limiter.release();
      await forJob;
      limiter.releaseOnBehalfOf(job);
      await Promise.all([second, third, fourth, forJobAgain]);
    });
    expect(limiter.borrowedTokens).toBe(0);
  });

  for (const freeAtFirstCall of [true, false]) {
    it(`two overlapping run() calls of one task: the second fails the same way (token ${freeAtFirstCall ? 'free' : 'taken'} at the first call)`, async () => {
      const limiter = new CapacityLimiter(1);
      const ran: string[] = [];
      if (!freeAtFirstCall) limiter.acquireOnBehalfOfNowait('holder');
      const settled = Promise.allSettled([limiter.run(() => void ran.push('f')), limiter.run(() => void ran.push('g'))]);
      if (!freeAtFirstCall) limiter.releaseOnBehalfOf('holder');
      const results = await settled;
      expect(results[0].status).toBe('fulfilled');
      expect(results[1].status).toBe('rejected');
      expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(
        /CapacityLimiter: task .* is already holding one of this limiter's tokens or waiting for one/,
      );
      expect(ran).toEqual(['f']);
      expect(limiter.borrowedTokens).toBe(0);
    });
  }

  it('a borrower whose wait in line was cancelled can wait again', async () => {
    const limiter = new CapacityLimiter(1);
    const events: string[] = [];
    await withTaskGroup(async (tg) => {
      limiter.acquireOnBehalfOfNowait('holder');
      const scope = new CancelScope();
      tg.startSoon(async () => {
        await scope.run(() => limiter.acquire());
        events.push(`first wait ended, cancelled: ${scope.cancelledCaught}`);
        await limiter.run(() => void events.push('second wait got a token'));
      });
      await waitAllTasksBlocked();
      scope.cancel();
      await waitAllTasksBlocked();
      expect(limiter.statistics().tasksWaiting).toBe(1);
      limiter.releaseOnBehalfOf('holder');
    });
    expect(events).toEqual(['first wait ended, cancelled: true', 'second wait got a token']);
    expect(limiter.borrowedTokens).toBe(0);
  });

  it('releasing without holding a token is an error', () => {
    const limiter = new CapacityLimiter(1);
    expect(() => limiter.release()).toThrow(/is not holding any of this limiter's tokens/);
    expect(() => limiter.releaseOnBehalfOf('someone')).toThrow(/borrower someone is not holding/);
  });

  it('raising totalTokens lets a waiting borrower in', async () => {
    const limiter = new CapacityLimiter(1);
    const inside = new Event();
    const second = new Event();
    await withTaskGroup(async (tg) => {
      tg.startSoon(async () => {
        await inside.wait();
        await limiter.run(() => second.set());
      });
      tg.startSoon(() =>
        limiter.run(async () => {
          inside.set();
          await second.wait();
        }),
      );
      await waitAllTasksBlocked();
      expect(inside.isSet()).toBe(true);
      expect(second.isSet()).toBe(false);
      limiter.totalTokens = 2;
    });
    expect(second.isSet()).toBe(true);
  });

  it('raising totalTokens lets every newcomer in too', async () => {
    const limiter = new CapacityLimiter(1);
    const entered = [new Event(), new Event(), new Event()];
    const proceed = new Event();
    await withTaskGroup(async (tg) => {
      const worker = (event: Event) =>
        limiter.run(async () => {
          event.set();
          await proceed.wait();
        });
      tg.startSoon(worker, entered[0]!);
      tg.startSoon(worker, entered[1]!);
      await waitAllTasksBlocked();
      expect(entered.filter((e) => e.isSet())).toHaveLength(1);
      limiter.totalTokens = 3;
      tg.startSoon(worker, entered[2]!);
      await failAfter(1000, async () => {
        for (const event of entered) await event.wait();
      });
      proceed.set();
    });
  });

  it('lowering totalTokens takes effect as tokens come back', () => {
    const limiter = new CapacityLimiter(2);
    limiter.acquireOnBehalfOfNowait('a');
    limiter.acquireOnBehalfOfNowait('b');
    limiter.totalTokens = 1;
    expect(limiter.availableTokens).toBe(-1);
    limiter.releaseOnBehalfOf('a');
    expect(() => limiter.acquireOnBehalfOfNowait('c')).toThrow(WouldBlock);
    limiter.releaseOnBehalfOf('b');
    limiter.acquireOnBehalfOfNowait('c');
    expect(limiter.borrowedTokens).toBe(1);
  });

  it('rejects a bad totalTokens assignment and keeps the old value', () => {
    const limiter = new CapacityLimiter(1);
    limiter.totalTokens = 2;
    expect(() => (limiter.totalTokens = '2' as unknown as number)).toThrow(TypeError);
    expect(() => (limiter.totalTokens = 3.5)).toThrow(TypeError);
    expect(limiter.totalTokens).toBe(2);
  });

  it('reports statistics, with task borrowers as TaskInfo', () =>
    run(
      async () => {
        const limiter = new CapacityLimiter(1);
        expect(limiter.statistics()).toEqual({ borrowedTokens: 0, totalTokens: 1, borrowers: [], tasksWaiting: 0 });
        await withTaskGroup(async (tg) => {
          await limiter.run(async () => {
            expect(limiter.statistics().borrowers).toEqual([getCurrentTask()]);
            for (let i = 1; i <= 2; i++) {
              tg.startSoon(() => limiter.run(() => undefined));
              await waitAllTasksBlocked();
              expect(limiter.statistics().tasksWaiting).toBe(i);
            }
          });
        });
        const job = { job: 1 };
        limiter.acquireOnBehalfOfNowait(job);
        expect(limiter.statistics()).toEqual({ borrowedTokens: 1, totalTokens: 1, borrowers: [job], tasksWaiting: 0 });
      },
      { handleSignals: false },
    ));

  it('admits waiting borrowers in FIFO order', async () => {
    const limiter = new CapacityLimiter(1);
    const results: number[] = [];
    const go = new Event();
    await withTaskGroup(async (tg) => {
      for (const i of [0, 1, 2]) {
        await tg.start(async (status) => {
          status.started();
          await limiter.run(async () => {
            await go.wait();
            results.push(i);
          });
        });
      }
      go.set();
    });
    expect(results).toEqual([0, 1, 2]);
  });

  it('a borrower cancelled in the queue passes the token on, and one handed a token keeps it', async () => {
    const limiter = new CapacityLimiter(1);
    const got: string[] = [];
    await withTaskGroup(async (tg) => {
      limiter.acquireOnBehalfOfNowait('holder');
      const a = tg.startSoon(() => limiter.run(() => void got.push('a')));
      await waitAllTasksBlocked();
      const b = tg.startSoon(() =>
        limiter.run(async () => {
          got.push('b');
          await checkpoint();
        }),
      );
      await waitAllTasksBlocked();
      tg.startSoon(() => limiter.run(() => void got.push('c')));
      await waitAllTasksBlocked();
      a.cancel();
      limiter.releaseOnBehalfOf('holder'); // goes to b, reserved
      b.cancel(); // b still runs its block once, then gives the token to c
    });
    expect(got).toEqual(['b', 'c']);
    expect(limiter.borrowedTokens).toBe(0);
  });

  it('run() that waited in line calls its callback in its own task, and gives the token back however it ends', async () => {
    const limiter = new CapacityLimiter(1);
    const outcomes: unknown[] = [];
    const ranIn: string[] = [];
    await withTaskGroup(async (tg) => {
      limiter.acquireOnBehalfOfNowait('holder');
      const callbacks = [
        ...callbacksEndingEveryWay(),
        () => limiter.release(), // gives the token back itself: run() then reports the second release
        () => 'last',
      ];
      for (const [index, callback] of callbacks.entries()) {
        tg.startSoon(async function waiter() {
          const outcome = await limiter
            .run(() => {
              ranIn.push(`${getCurrentTask().name} ${index}`);
              return callback();
            })
            .then(
              (value) => value,
              (error: unknown) => (error as Error).message,
            );
          outcomes[index] = outcome;
        });
      }
      await waitAllTasksBlocked();
      expect(limiter.statistics().tasksWaiting).toBe(callbacks.length);
      limiter.releaseOnBehalfOf('holder');
    });
    expect(ranIn).toEqual(['waiter 0', 'waiter 1', 'waiter 2', 'waiter 3', 'waiter 4', 'waiter 5']);
    expect(outcomes.slice(0, 4)).toEqual(EVERY_ENDING_OUTCOMES);
    expect(outcomes[4]).toMatch(/is not holding any of this limiter's tokens/);
    expect(outcomes[5]).toBe('last');
    expect(limiter.borrowedTokens).toBe(0);
  });

  it('run() in a cancelled scope on a full limiter raises Cancelled without waiting or calling back', async () => {
    const limiter = new CapacityLimiter(1);
    limiter.acquireOnBehalfOfNowait('holder');
    let called = false;
    const scope = new CancelScope();
    await scope.run(async () => {
      scope.cancel();
      await limiter.run(() => (called = true));
    });
    expect(scope.cancelledCaught).toBe(true);
    expect(called).toBe(false);
    expect(limiter.statistics().tasksWaiting).toBe(0);
    limiter.releaseOnBehalfOf('holder');
    expect(limiter.borrowedTokens).toBe(0);
  });

  it('a holder cancelled while another task waits does not deadlock the waiter', async () => {
    const limiter = new CapacityLimiter(1);
    expect(await waiterRunsAfterHolderIsCancelled((fn) => limiter.run(fn))).toBe(true);
    expect(limiter.borrowedTokens).toBe(0);
  });

  it('an uncontended acquire() in a cancelled scope raises Cancelled and borrows nothing', async () => {
    const limiter = new CapacityLimiter(1);
    const scope = new CancelScope();
    await scope.run(async () => {
      scope.cancel();
      await limiter.acquire();
    });
    expect(scope.cancelledCaught).toBe(true);
    expect(limiter.borrowedTokens).toBe(0);
  });

  it('can be created and configured before any task runs', async () => {
    const limiter = new CapacityLimiter(1);
    limiter.totalTokens = 2;
    expect(limiter.statistics()).toEqual({ borrowedTokens: 0, totalTokens: 2, borrowers: [], tasksWaiting: 0 });
    await run(() => limiter.run(() => expect(limiter.borrowedTokens).toBe(1)), { handleSignals: false });
  });
});
