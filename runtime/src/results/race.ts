import { isCancelled } from '../core/errors.js';
import { withTaskGroup } from '../core/task-group.js';
import { helperTaskName } from './task-names.js';

/**
 * Runs every function as a task of one group; the first to finish decides the outcome, its value
 * or its error, and the others are cancelled. Returns only once every task has ended.
 *
 * @example
 * ```ts
 * const fastest = await race(
 *   () => fetchFrom(mirrorA),
 *   () => fetchFrom(mirrorB),
 * );
 * ```
 */
export async function race<const F extends readonly (() => unknown)[]>(
  ...fns: F
): Promise<Awaited<ReturnType<F[number]>>> {
  if (fns.length === 0) throw new TypeError('race() needs at least one function');
  let decided = false;
  let winner: unknown;
  await withTaskGroup((tg) => {
    fns.forEach((fn, index) => {
      tg._startSoonAs(helperTaskName('race', fn, index), async () => {
        try {
          const value = await fn();
          if (decided) return;
          decided = true;
          winner = value;
          tg.cancel('race decided');
        } catch (error) {
          // The first error decides: it propagates through the group, which cancels the rest.
          // An error raised after the race was decided is not lost either: it propagates too.
          if (!isCancelled(error)) decided = true;
          throw error;
        }
      }, []);
    });
  });
  return winner as Awaited<ReturnType<F[number]>>;
}
