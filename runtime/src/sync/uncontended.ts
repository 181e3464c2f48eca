/**
 * The uncontended path shared by every acquire-like operation, done the way AnyIO and Trio do
 * it: check cancellation first (so a cancelled call takes nothing), take the lock or token
 * synchronously, then let other tasks run in a scheduling point that cannot raise (so what was
 * taken is never lost to a cancellation that arrives meanwhile).
 *
 * The cancellation check is the caller's (`rejectIfCancelled` on the scope it has already looked
 * up); the scheduling point is here. Both run on every acquire, so they allocate nothing: the
 * scheduling point is a shared, already-resolved promise (or, now and then, a macrotask yield).
 */

import { schedulingPoint } from '../core/scheduling.js';

const RESOLVED: Promise<void> = Promise.resolve();

/**
 * What an uncontended acquire returns once it took its lock or token: the scheduling point
 * itself (a promise shared by every caller), or, with `fastAcquire`, a resolved promise.
 */
export function afterUncontendedAcquire(fastAcquire: boolean): Promise<void> {
  return fastAcquire ? RESOLVED : schedulingPoint();
}
