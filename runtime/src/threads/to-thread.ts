/**
 * `toThread`: runs blocking or CPU-bound functions in worker threads, so the event loop stays
 * free. See `thread-function.ts` for how a function is named across threads.
 */

import { CapacityLimiter } from '../sync/capacity-limiter.js';
import { ThreadCall } from './thread-call.js';
import { type FunctionReference, locate, type ThreadFunctionReference } from './thread-function.js';

/**
 * Options of `toThread.runSyncWith`.
 *
 * @example
 * ```ts
 * const cpuBound = new CapacityLimiter(4);
 * const digest = await toThread.runSyncWith({ limiter: cpuBound }, hashFile, path);
 * ```
 */
export interface ToThreadOptions {
  /** The limiter whose token the call holds (by default the shared one, 40 tokens). */
  limiter?: CapacityLimiter;
}

const DEFAULT_TOKENS = 40;
let defaultLimiter: CapacityLimiter | undefined;

function currentDefaultThreadLimiter(): CapacityLimiter {
  defaultLimiter ??= new CapacityLimiter(DEFAULT_TOKENS);
  return defaultLimiter;
}

// Function ids: numbers stand for (URL, export name) pairs in messages, which are then small.
// A reference object seen before is found by identity, without building a key.
const functionIds = new Map<string, number>();
const idsByReference = new WeakMap<object, { url: string; name: string; id: number }>();

function identify(ref: object): { url: string; name: string; id: number } {
  const cached = idsByReference.get(ref);
  if (cached !== undefined) return cached;
  const { url, name } = locate(ref as FunctionReference);
  const key = `${name}\u0000${url}`;
  let id = functionIds.get(key);
  if (id === undefined) {
    id = functionIds.size + 1;
    functionIds.set(key, id);
  }
  const found = { url, name, id };
  // Only frozen references (thread functions) are cached: a plain object could be changed.
  if (Object.isFrozen(ref)) idsByReference.set(ref, found);
  return found;
}

function runSyncWith<A extends unknown[], R>(
  options: ToThreadOptions,
  ref: ThreadFunctionReference<A, R>,
  ...args: A
): Promise<R> {
  let call: ThreadCall;
  try {
    call = new ThreadCall(options.limiter ?? currentDefaultThreadLimiter(), identify(ref), args);
  } catch (error) {
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the error raised above, passed on unchanged
    return Promise.reject(error);
  }
  return call.run() as Promise<R>;
}

/**
 * Running functions in worker threads.
 *
 * A worker cannot run a closure of the event loop's thread, so the function is named by its
 * module and export: a thread function made with `defineThreadFunction` (typed), or
 * `{ moduleUrl, exportName }`. Arguments and the result are copied (structured clone).
 *
 * Calls are limited by a `CapacityLimiter` (40 tokens by default) and run on a shared pool of
 * workers, one per CPU at most, each running many queued calls one after another.
 *
 * Cancellation: the call raises `Cancelled` at once and its result is dropped; the worker
 * finishes the function (JavaScript cannot interrupt it), and the limiter's token stays borrowed
 * until it has, so cancelled calls never make the pool run more than the limit. A worker that is
 * blocked in `fromThread.runSync` for an abandoned call gets an error instead of an answer.
 *
 * @example
 * ```ts
 * // work.ts
 * export const fib = defineThreadFunction(import.meta.url, 'fib', function fib(n: number): number {
 *   return n < 2 ? n : fib(n - 1) + fib(n - 2);
 * });
 * // main.ts
 * const value = await toThread.runSync(fib, 30);
 * ```
 */
export const toThread = Object.freeze({
  /**
   * Runs `ref(...args)` in a worker thread and returns its result (a returned promise is awaited
   * in the worker). An error thrown by the function is rethrown here (copied across threads).
   */
  runSync<A extends unknown[], R>(ref: ThreadFunctionReference<A, R>, ...args: A): Promise<R> {
    return runSyncWith({}, ref, ...args);
  },
  /** `toThread.runSync` with options (a limiter of your own). */
  runSyncWith,
  /** The limiter that `runSync` uses by default (40 tokens); change its `totalTokens` to resize. */
  currentDefaultThreadLimiter,
});
