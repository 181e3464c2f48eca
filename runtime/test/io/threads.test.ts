import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import {
  BrokenResourceError,
  CancelScope,
  CapacityLimiter,
  currentBackend,
  failAfter,
  gatherSettled,
  fromThread,
  gather,
  isCancelled,
  mapConcurrent,
  moveOnAfter,
  runProcess,
  sleep,
  toThread,
  waitAllTasksBlocked,
  withTaskGroup,
} from '../../src/index.js';
import {
  add,
  asyncEcho,
  blockThenCallBack,
  blockUntilReleased,
  callBackAsync,
  callBackFailing,
  callBackSync,
  countRun,
  currentThreadId,
  exitThread,
  returnFunction,
  fail,
  onEventLoop,
} from './fixtures/thread-work.mjs';
import { checkNothingLeftOpen } from './helpers.js';

checkNothingLeftOpen();

const workModule = new URL('./fixtures/thread-work.mjs', import.meta.url);

/** Polls `condition` (the worker side has no event to wait on); gives up after 10 s. */
async function eventually(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 2000 && !condition(); i++) await sleep(5);
  expect(condition()).toBe(true);
}

describe('toThread.runSync', () => {
  it('runs a thread function in a worker thread and returns its result', async () => {
    expect(await toThread.runSync(add, 2, 3)).toBe(5);
    expect(await toThread.runSync(currentThreadId)).not.toBe(0);
  });

  it('runs a plain export named by module URL and export name', async () => {
    expect(await toThread.runSync({ moduleUrl: workModule, exportName: 'plainSquare' }, 7)).toBe(49);
  });

  it('awaits an async thread function in the worker', async () => {
    expect(await toThread.runSync(asyncEcho, { deep: [1, 2] })).toEqual({ deep: [1, 2] });
  });

  it('rethrows the error of the function, with its class and message', async () => {
    const error: unknown = await toThread.runSync(fail, 'bad input').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RangeError);
    expect((error as Error).message).toBe('bad input');
  });

  it('says clearly when the export does not exist or a closure is passed', async () => {
    await expect(toThread.runSync({ moduleUrl: workModule, exportName: 'missing' })).rejects.toThrow(
      /no function exported as "missing"/,
    );
    await expect(toThread.runSync((() => 1) as never)).rejects.toThrow(/closure cannot cross threads/);
  });

  it('a worker that has just answered takes the next call at once, whether or not it needs its event loop', async () => {
    // A worker keeps reading its call port for a moment after answering, so these calls reach it
    // while it looks; the async ones must still get their event loop back.
    for (let i = 0; i < 30; i++) {
      expect(await toThread.runSync(add, i, 1)).toBe(i + 1);
      expect((await toThread.runSync(callBackAsync, i)).doubled).toBe(2 * i);
      expect(await toThread.runSync(asyncEcho, i)).toBe(i);
    }
  });

  it('pipelines many calls at once and returns each result to its caller', async () => {
    const results = await mapConcurrent(Array.from({ length: 500 }, (_, i) => i), (i) => toThread.runSync(add, i, i));
    expect(results).toEqual(Array.from({ length: 500 }, (_, i) => 2 * i));
  });

  it('holds a limiter token per call, so at most totalTokens calls run at once', async () => {
    const limiter = new CapacityLimiter(2);
    const shared = new SharedArrayBuffer(4);
    await withTaskGroup(async (tg) => {
      const calls = [1, 2, 3, 4].map(() => tg.startSoon(() => toThread.runSyncWith({ limiter }, blockUntilReleased, shared)));
      await waitAllTasksBlocked();
      await eventually(() => limiter.borrowedTokens === 2);
      expect(limiter.statistics().tasksWaiting).toBe(2);
      Atomics.store(new Int32Array(shared), 0, 1);
      Atomics.notify(new Int32Array(shared), 0);
      for (const call of calls) expect(await call.result()).toBe('released');
    });
    expect(limiter.borrowedTokens).toBe(0);
  });

  it('a worker that dies fails its calls with BrokenResourceError, and the pool goes on', async () => {
    const error: unknown = await toThread.runSync(exitThread).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BrokenResourceError);
    expect((error as Error).message).toMatch(/worker thread \d+ died/);
    expect(await toThread.runSync(add, 20, 22)).toBe(42);
  });

  it('arguments or results that cannot be copied fail that call alone', async () => {
    const [badArgument, goodCall, badResult] = await gatherSettled(
      () => toThread.runSync(add, (() => 1) as unknown as number, 1),
      () => toThread.runSync(add, 1, 1),
      () => toThread.runSync(returnFunction),
    );
    expect(badArgument.status).toBe('rejected');
    expect(goodCall).toEqual({ status: 'fulfilled', value: 2 });
    expect(badResult.status).toBe('rejected');
  });

  it('a call in a cancelled scope raises Cancelled, runs nothing and keeps no token', async () => {
    const limiter = new CapacityLimiter(1);
    const runs = new SharedArrayBuffer(4);
    let error: unknown;
    await new CancelScope().run(async (scope) => {
      scope.cancel();
      error = await toThread.runSyncWith({ limiter }, countRun, runs).catch((e: unknown) => e);
    });
    expect(isCancelled(error)).toBe(true);
    expect(limiter.borrowedTokens).toBe(0);
    expect(await toThread.runSyncWith({ limiter }, countRun, runs)).toBe(1);
  });

  it('uses a default limiter of 40 tokens', () => {
    expect(toThread.currentDefaultThreadLimiter().totalTokens).toBe(40);
  });

  it('on cancellation raises Cancelled at once; the token is returned when the worker is done', async () => {
    const limiter = new CapacityLimiter(1);
    const shared = new SharedArrayBuffer(4);
    const result = await moveOnAfter(100, () => toThread.runSyncWith({ limiter }, blockUntilReleased, shared));
    expect(result).toBeUndefined();
    // The worker is still blocked in the abandoned call, which still holds the token.
    expect(limiter.borrowedTokens).toBe(1);
    Atomics.store(new Int32Array(shared), 0, 1);
    Atomics.notify(new Int32Array(shared), 0);
    await eventually(() => limiter.borrowedTokens === 0);
    expect(await toThread.runSyncWith({ limiter }, add, 1, 1)).toBe(2);
  });
});

describe('toThread.runSync waiting for a token', () => {
  it('a call cancelled while it waits for a token is never run and borrows nothing', async () => {
    const limiter = new CapacityLimiter(1);
    const shared = new SharedArrayBuffer(4);
    const runs = new SharedArrayBuffer(4);
    await withTaskGroup(async (tg) => {
      const first = tg.startSoon(() => toThread.runSyncWith({ limiter }, blockUntilReleased, shared));
      const waiting = tg.startSoon(() => toThread.runSyncWith({ limiter }, countRun, runs));
      await waitAllTasksBlocked();
      await eventually(() => limiter.borrowedTokens === 1);
      expect(limiter.statistics().tasksWaiting).toBe(1);
      waiting.cancel();
      await waiting.wait();
      expect(waiting.status).toBe('cancelled');
      expect(limiter.statistics().tasksWaiting).toBe(0);
      Atomics.store(new Int32Array(shared), 0, 1);
      Atomics.notify(new Int32Array(shared), 0);
      expect(await first.result()).toBe('released');
    });
    expect(limiter.borrowedTokens).toBe(0);
    // One token: had the cancelled call been posted, it would have run before this one.
    expect(await toThread.runSyncWith({ limiter }, countRun, runs)).toBe(1);
  });
});

describe('fromThread', () => {
  it('runSync blocks the worker until the event loop has answered', async () => {
    const answer = await toThread.runSync(callBackSync, 21);
    expect(answer.doubled).toBe(42);
    expect(answer.threadId).toBe(0); // ran on the main thread
    expect(answer.workerThreadId).not.toBe(0);
  });

  it('run lets an async thread function await the event loop', async () => {
    const answers = await gather(
      () => toThread.runSync(callBackAsync, 1),
      () => toThread.runSync(callBackAsync, 2),
    );
    expect(answers.map((a) => a.doubled)).toEqual([2, 4]);
    expect(answers.every((a) => a.threadId === 0 && a.workerThreadId !== 0)).toBe(true);
  });

  it('an error on the event loop side is thrown in the worker', async () => {
    expect(await toThread.runSync(callBackFailing)).toBe('caught TypeError: failed on the event loop');
  });

  it('a worker calling back for an abandoned call is refused instead of blocking forever', async () => {
    const limiter = new CapacityLimiter(1);
    const shared = new SharedArrayBuffer(4);
    expect(await moveOnAfter(50, () => toThread.runSyncWith({ limiter }, blockThenCallBack, shared))).toBeUndefined();
    Atomics.store(new Int32Array(shared), 0, 1);
    Atomics.notify(new Int32Array(shared), 0);
    // The worker's fromThread.runSync gets an error, the function returns, the token comes back.
    await eventually(() => limiter.borrowedTokens === 0);
  });

  it('a main module can define the functions it calls back, while it is still being evaluated', async () => {
    const script = fileURLToPath(new URL('./fixtures/self-calling-main.mjs', import.meta.url));
    // The same program on the runtime running this test.
    const runtimeArgs = currentBackend().name === 'deno' ? ['run', '-A'] : [];
    const result = await failAfter(15_000, () => runProcess([process.execPath, ...runtimeArgs, script]));
    expect(new TextDecoder().decode(result.stdout).trim()).toBe('41');
  });

  it('refuses to run outside a worker started by toThread', () => {
    expect(() => fromThread.runSync(onEventLoop, 1)).toThrow(/only be called inside a function run by toThread/);
  });
});
