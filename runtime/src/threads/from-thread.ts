/**
 * `fromThread`: from inside a function that `toThread` runs in a worker, call a function on the
 * event loop and get its answer. The function runs in the task that made the `toThread` call,
 * inside its cancel scopes.
 */

import { CHANNEL_KEY, type ThreadChannel } from './protocol.js';
import { locate, type ThreadFunctionReference } from './thread-function.js';

function channel(method: string): ThreadChannel {
  const found = (globalThis as Record<symbol, unknown>)[Symbol.for(CHANNEL_KEY)];
  if (found === undefined) {
    throw new Error(`fromThread.${method}() can only be called inside a function run by toThread.runSync`);
  }
  return found as ThreadChannel;
}

/**
 * Calling back into the event loop from a worker thread. The function is named as for
 * `toThread` (a thread function or `{ moduleUrl, exportName }`); it may be async, and it runs in
 * the task that called `toThread.runSync`.
 *
 * @example
 * ```ts
 * // work.ts
 * export const reportProgress = defineThreadFunction(import.meta.url, 'reportProgress', (done: number) => {
 *   progressBar.update(done); // runs on the event loop
 * });
 * export const crunch = defineThreadFunction(import.meta.url, 'crunch', (items: number[]) => {
 *   items.forEach((item, i) => {
 *     heavy(item);
 *     fromThread.runSync(reportProgress, i + 1); // blocks this worker until the event loop answered
 *   });
 * });
 * ```
 */
export const fromThread = Object.freeze({
  /**
   * Runs `ref(...args)` on the event loop and resolves with its result; the worker's own event
   * loop stays free meanwhile. For async thread functions.
   */
  run<A extends unknown[], R>(ref: ThreadFunctionReference<A, R>, ...args: A): Promise<R> {
    const { url, name } = locate(ref);
    return channel('run').callAsync(url, name, args) as Promise<R>;
  },
  /**
   * Runs `ref(...args)` on the event loop and blocks this worker thread until the answer comes
   * back (`Atomics.wait`), then returns it. For synchronous thread functions.
   */
  runSync<A extends unknown[], R>(ref: ThreadFunctionReference<A, R>, ...args: A): R {
    const { url, name } = locate(ref);
    return channel('runSync').callSync(url, name, args) as R;
  },
});
