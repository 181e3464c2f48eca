import { checkpoint } from '../core/checkpoint.js';
import { currentContext } from '../core/context.js';
import { park } from '../core/park.js';
import type { TimerHandle } from '../core/clock.js';

/**
 * Waits until the clock reaches `deadline` (absolute, in `currentTime()` milliseconds). A
 * checkpoint: cancelling the scope ends the wait at once with `Cancelled`.
 *
 * @example
 * ```ts
 * const start = currentTime();
 * for (let tick = 1; ; tick++) {
 *   await sleepUntil(start + tick * 1000); // no drift
 * }
 * ```
 */
export function sleepUntil(deadline: number): Promise<void> {
  if (typeof deadline !== 'number' || Number.isNaN(deadline)) {
    return Promise.reject(new TypeError(`deadline must be a number, got ${String(deadline)}`));
  }
  const { scope } = currentContext();
  const clock = scope._clock!;
  if (deadline <= clock.now()) return checkpoint();
  let timer: TimerHandle | undefined;
  const op = park<void>(() => timer?.cancel());
  if (!op.settled && deadline !== Infinity) timer = clock.setTimer(deadline, () => op.wake(undefined));
  return op.promise;
}

/**
 * Waits `ms` milliseconds. `sleep(0)` is a checkpoint (prefer `checkpoint()`). Cancelling the
 * scope ends the sleep at once with `Cancelled`, and the timer is cleared.
 *
 * @example
 * ```ts
 * await sleep(100);
 * ```
 */
export function sleep(ms: number): Promise<void> {
  if (typeof ms !== 'number' || Number.isNaN(ms) || ms < 0) {
    return Promise.reject(new RangeError(`sleep(ms) needs a non-negative number of milliseconds, got ${String(ms)}`));
  }
  if (ms === 0) return checkpoint();
  return sleepUntil(currentContext().scope._clock!.now() + ms);
}

/**
 * Waits until the scope is cancelled. Useful for a task whose work is all in its `finally`.
 *
 * @example
 * ```ts
 * try { await sleepForever(); } finally { await cleanUp(); }
 * ```
 */
export function sleepForever(): Promise<never> {
  return park<never>().promise;
}
