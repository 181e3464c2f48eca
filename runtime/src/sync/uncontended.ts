/**
 * The uncontended path shared by every acquire-like operation, done the way AnyIO and Trio do
 * it: check cancellation first (so a cancelled call takes nothing), take the lock or token
 * synchronously, then let other tasks run in a scheduling point that cannot raise (so what was
 * taken is never lost to a cancellation that arrives meanwhile).
 */

import { cancelShieldedCheckpoint, raiseIfCancelled } from '../core/checkpoint.js';

const RESOLVED: Promise<void> = Promise.resolve();

/**
 * A promise rejected with `Cancelled` when the current scope is cancelled; `undefined` otherwise.
 * Lets a non-async acquire return the rejection instead of throwing synchronously.
 */
export function cancelledNow(): Promise<never> | undefined {
  try {
    raiseIfCancelled();
    return undefined;
  } catch (error) {
    const cancelled = error as Error;
    return Promise.reject(cancelled);
  }
}

/**
 * What an uncontended acquire returns once it took its lock or token: the scheduling point of
 * `cancelShieldedCheckpoint()` itself, without the extra promise an async wrapper would add.
 */
export function afterUncontendedAcquire(fastAcquire: boolean): Promise<void> {
  return fastAcquire ? RESOLVED : cancelShieldedCheckpoint();
}

/** Resolves to `value` after a scheduling point that cannot raise `Cancelled`. */
export function afterUncontendedTake<T>(value: T): Promise<T> {
  return cancelShieldedCheckpoint().then(() => value);
}
