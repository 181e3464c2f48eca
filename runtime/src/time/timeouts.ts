import { CancelScope } from '../core/cancel-scope.js';
import { currentContext } from '../core/context.js';
import { TimeoutError } from '../core/errors.js';

/**
 * Options of the timeout helpers.
 *
 * @example
 * ```ts
 * // Give the goodbye message 2 s, even while the scope around is being cancelled.
 * await moveOnAfter(2_000, () => stream.send(goodbye), { shield: true });
 * ```
 */
export interface TimeoutOptions {
  /** Shield the body from the cancellation of the scopes around it. */
  shield?: boolean;
}

function checkDelay(name: string, ms: number | null | undefined): number {
  if (ms === null || ms === undefined) return Infinity;
  if (typeof ms !== 'number' || Number.isNaN(ms)) {
    throw new TypeError(`${name}: the delay must be a number of milliseconds, null or undefined, got ${String(ms)}`);
  }
  return currentContext().scope._clock!.now() + ms;
}

/**
 * Runs `fn` with a deadline `deadline` (absolute, `currentTime()` ms); when it expires, `fn` is
 * cancelled and the call resolves to `undefined`.
 *
 * @example
 * ```ts
 * const page = await moveOnAt(currentTime() + 1000, () => fetchPage(url));
 * ```
 */
export function moveOnAt<T>(
  deadline: number,
  fn: (scope: CancelScope) => Promise<T> | T,
  options: TimeoutOptions = {},
): Promise<T | undefined> {
  return new CancelScope({ deadline, shield: options.shield ?? false }).run(fn);
}

/**
 * Runs `fn` for at most `ms` milliseconds; when the time is up, `fn` is cancelled and the call
 * resolves to `undefined`. `null`/`undefined` means no timeout.
 *
 * @example
 * ```ts
 * const page = await moveOnAfter(1000, () => fetchPage(url));
 * if (page === undefined) console.log('too slow, moving on');
 * ```
 */
export async function moveOnAfter<T>(
  ms: number | null | undefined,
  fn: (scope: CancelScope) => Promise<T> | T,
  options: TimeoutOptions = {},
): Promise<T | undefined> {
  return moveOnAt(checkDelay('moveOnAfter', ms), fn, options);
}

/**
 * Runs `fn` with the deadline `deadline`; when it expires, `fn` is cancelled and the call throws
 * `TimeoutError`. An explicit `scope.cancel()` is not a timeout: the call then resolves to
 * `undefined`, like a cancel scope that caught its own cancellation.
 *
 * @example
 * ```ts
 * const page = await failAt(currentTime() + 1000, () => fetchPage(url));
 * ```
 */
export async function failAt<T>(
  deadline: number,
  fn: (scope: CancelScope) => Promise<T> | T,
  options: TimeoutOptions = {},
): Promise<T> {
  const scope = new CancelScope({ deadline, shield: options.shield ?? false });
  const result = await scope.run(fn);
  // Decided by what happened (the deadline timer fired and cancelled the scope), never by
  // comparing clocks: a timer may fire a little before the clock reaches the deadline.
  if (scope.cancelledCaught && scope._cancelledByDeadline) {
    throw new TimeoutError(`the operation timed out (deadline ${deadline} ms)`);
  }
  return result as T;
}

/**
 * Runs `fn` for at most `ms` milliseconds; when the time is up, `fn` is cancelled and the call
 * throws `TimeoutError`.
 *
 * @example
 * ```ts
 * try {
 *   await failAfter(5000, () => connectTcp('example.com', 443));
 * } catch (e) {
 *   if (e instanceof TimeoutError) console.log('connect timed out');
 *   else throw e;
 * }
 * ```
 */
export async function failAfter<T>(
  ms: number | null | undefined,
  fn: (scope: CancelScope) => Promise<T> | T,
  options: TimeoutOptions = {},
): Promise<T> {
  return failAt(checkDelay('failAfter', ms), fn, options);
}
