import { isCancelled } from '../core/errors.js';
import { withTaskGroup } from '../core/task-group.js';
import { helperTaskName } from './task-names.js';

/**
 * The tuple of settled results of a tuple of functions, shaped like `Promise.allSettled`'s.
 *
 * @example
 * ```ts
 * const [a, b] = await gatherSettled(() => fetchA(), () => fetchB());
 * if (a.status === 'rejected') console.error(a.reason);
 * ```
 */
export type GatherSettledResults<F extends readonly (() => unknown)[]> = {
  -readonly [K in keyof F]: PromiseSettledResult<Awaited<ReturnType<F[K]>>>;
};

/**
 * Runs every function as a task of one group and returns, in order, how each ended:
 * `{ status: 'fulfilled', value }` or `{ status: 'rejected', reason }`, like
 * `Promise.allSettled`. A failure does not cancel the siblings; cancellation of the caller still
 * cancels them all, and is never reported as a `'rejected'` entry.
 *
 * @example
 * ```ts
 * const outcomes = await gatherSettled(() => ping(a), () => ping(b));
 * const up = outcomes.filter((o) => o.status === 'fulfilled').length;
 * ```
 */
export async function gatherSettled<const F extends readonly (() => unknown)[]>(
  ...fns: F
): Promise<GatherSettledResults<F>> {
  const results = new Array<PromiseSettledResult<unknown>>(fns.length);
  await withTaskGroup((tg) => {
    fns.forEach((fn, index) => {
      tg._startSoonAs(helperTaskName('gatherSettled', fn, index), async () => {
        try {
          results[index] = { status: 'fulfilled', value: await fn() };
        } catch (reason) {
          if (isCancelled(reason)) throw reason;
          results[index] = { status: 'rejected', reason };
        }
      }, []);
    });
  });
  return results as GatherSettledResults<F>;
}
