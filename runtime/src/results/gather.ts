import { withTaskGroup } from '../core/task-group.js';
import { helperTaskName } from './task-names.js';

/**
 * The tuple of results of a tuple of functions.
 *
 * @example
 * ```ts
 * const [user, orders]: GatherResults<[() => Promise<User>, () => Promise<Order[]>]> = await gather(
 *   () => fetchUser(id),
 *   () => fetchOrders(id),
 * );
 * ```
 */
export type GatherResults<F extends readonly (() => unknown)[]> = {
  -readonly [K in keyof F]: Awaited<ReturnType<F[K]>>;
};

/**
 * Runs every function as a task of one group and returns their results in order, like
 * `Promise.all`; but a failure cancels the siblings, and the call returns only once every task
 * has ended. One failure is thrown as itself, several as an `ExceptionGroup`.
 *
 * @example
 * ```ts
 * const [user, posts] = await gather(
 *   () => fetchUser(id),
 *   () => fetchPosts(id),
 * );
 * ```
 */
export async function gather<const F extends readonly (() => unknown)[]>(...fns: F): Promise<GatherResults<F>> {
  const results = new Array<unknown>(fns.length);
  await withTaskGroup((tg) => {
    fns.forEach((fn, index) => {
      tg._startSoonAs(helperTaskName('gather', fn, index), async () => {
        results[index] = await fn();
      }, []);
    });
  });
  return results as GatherResults<F>;
}
