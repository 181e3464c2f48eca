// What the `mapConcurrent(list, (promise) => promise)` rewrite of Promise.all relies on, checked
// against the real runtime: promises made before the call (one of them already rejected) are
// awaited without an unhandled rejection, the one error arrives unchanged, and the call returns
// only once every promise has settled.
import { mapConcurrent, sleep } from '@corral/runtime';
import { afterEach, expect, it } from 'vitest';

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => {
  unhandled.push(reason);
};
process.on('unhandledRejection', onUnhandled);
afterEach(() => {
  unhandled.length = 0;
});

async function settleAfter<T>(ms: number, value: T, log: string[]): Promise<T> {
  await sleep(ms);
  log.push(`settled ${String(value)}`);
  return value;
}

it('awaits promises made before the call, one already rejected, without an unhandled rejection', async () => {
  const log: string[] = [];
  const failure = new Error('closed');
  const rejected = Promise.reject(failure);
  const pending = [rejected, settleAfter(30, 'slow', log)];
  await expect(mapConcurrent(pending, (promise) => promise)).rejects.toBe(failure);
  log.push('returned');
  // Unhandled rejections are reported after the microtask queue drains: give it a macrotask.
  await new Promise((resolve) => setImmediate(resolve));
  expect(unhandled).toEqual([]);
  expect(log).toEqual(['settled slow', 'returned']);
});

it('gives the awaited values in input order, as Promise.all does', async () => {
  const log: string[] = [];
  const pending = [settleAfter(20, 1, log), settleAfter(5, 2, log), Promise.resolve(3)];
  expect(await mapConcurrent(pending, (promise) => promise)).toEqual([1, 2, 3]);
  expect(log).toEqual(['settled 2', 'settled 1']);
});
