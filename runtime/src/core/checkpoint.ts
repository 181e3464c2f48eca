/**
 * Checkpoints and the queries about the current scope that every feature uses.
 */

import type { CancelScope } from './cancel-scope.js';
import { currentContext } from './context.js';
import { schedulingPoint } from './scheduling.js';

/**
 * A checkpoint: lets other tasks run, then raises `Cancelled` if the current scope is
 * cancelled. Call it inside long CPU-bound loops so they can be cancelled and do not starve
 * other tasks.
 *
 * @example
 * ```ts
 * for (const row of rows) {
 *   process(row);
 *   await checkpoint();
 * }
 * ```
 */
export async function checkpoint(): Promise<void> {
  await schedulingPoint();
  const { scope } = currentContext();
  if (scope._effectivelyCancelled) throw scope.cancelledError();
}

/**
 * Raises `Cancelled` if the current scope is cancelled, without yielding to other tasks.
 *
 * @example
 * ```ts
 * await checkpointIfCancelled(); // cheap check at the top of a hot path
 * ```
 */
export function checkpointIfCancelled(): Promise<void> {
  const { scope } = currentContext();
  if (scope._effectivelyCancelled) return Promise.reject(scope.cancelledError());
  return Promise.resolve();
}

/**
 * Lets other tasks run, and never raises `Cancelled`.
 *
 * @example
 * ```ts
 * finally { await cancelShieldedCheckpoint(); }
 * ```
 */
export function cancelShieldedCheckpoint(): Promise<void> {
  return schedulingPoint();
}

/**
 * @internal Throws `Cancelled` synchronously if the current scope is cancelled. For primitives
 * whose fast path completes without parking but must still honour cancellation.
 */
export function raiseIfCancelled(): void {
  const { scope } = currentContext();
  if (scope._effectivelyCancelled) throw scope.cancelledError();
}

/**
 * @internal A promise rejected with the `Cancelled` that a checkpoint in `scope` would raise, or
 * `undefined` when `scope` is not cancelled. Lets a primitive that is not an async function
 * return the rejection (never throw synchronously) on its fast path, with one context lookup.
 */
export function rejectIfCancelled(scope: CancelScope): Promise<never> | undefined {
  return scope._effectivelyCancelled ? Promise.reject(scope.cancelledError()) : undefined;
}

/**
 * The current time of this run's clock, in milliseconds (monotonic; virtual under `MockClock`).
 *
 * @example
 * ```ts
 * const started = currentTime();
 * await work();
 * console.log(`took ${currentTime() - started} ms`);
 * ```
 */
export function currentTime(): number {
  return currentContext().scope._clock!.now();
}

/**
 * The earliest deadline that applies to the current code: `Infinity` when none, `-Infinity` when
 * the current scope is already cancelled.
 *
 * @example
 * ```ts
 * const left = currentEffectiveDeadline() - currentTime();
 * ```
 */
export function currentEffectiveDeadline(): number {
  return currentContext().scope.effectiveDeadline();
}

/**
 * An `AbortSignal` that aborts (with a `Cancelled` as `reason`) exactly when the current
 * effective scope is cancelled, deadlines included. The bridge to every AbortSignal-aware API.
 *
 * @example
 * ```ts
 * const response = await fetch(url, { signal: currentSignal() });
 * ```
 */
export function currentSignal(): AbortSignal {
  return currentContext().scope.signal;
}
