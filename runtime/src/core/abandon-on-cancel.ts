import { park } from './park.js';

/**
 * Awaits a native promise that ignores cancellation, but stops waiting when the scope is
 * cancelled: the call then raises `Cancelled` at once, and the promise is abandoned. It keeps
 * running unobserved; its eventual rejection is caught and dropped, so it cannot become an
 * unhandled rejection. Use this only for work that is safe to leave behind; prefer passing
 * `currentSignal()` to APIs that accept a signal.
 *
 * @example
 * ```ts
 * const rows = await abandonOnCancel(legacyDb.query(sql)); // legacy API without AbortSignal
 * ```
 */
export function abandonOnCancel<T>(promise: PromiseLike<T>): Promise<T> {
  const op = park<T>();
  if (op.settled) {
    // eslint-disable-next-line @corral/no-leaked-tasks -- abandoning this work is the point; the handler keeps its failure from being unhandled
    Promise.resolve(promise).then(undefined, () => undefined);
    return op.promise;
  }
  // eslint-disable-next-line @corral/no-leaked-tasks -- the handlers hand the outcome to `op`, which the caller awaits
  Promise.resolve(promise).then(
    (value) => op.wake(value),
    (error: unknown) => op.fail(error),
  );
  return op.promise;
}
