import { withTaskGroup } from '../core/task-group.js';
import { helperTaskName } from './task-names.js';

/**
 * Options of {@link mapConcurrent}.
 *
 * @example
 * ```ts
 * const pages = await mapConcurrent(urls, (url) => fetch(url, { signal: currentSignal() }), { limit: 8 });
 * ```
 */
export interface MapConcurrentOptions {
  /** At most this many calls run at once; by default, all of them (like `Promise.all(items.map(fn))`). */
  limit?: number;
}

/**
 * Calls `fn(item, index)` for every item concurrently, each as a task of one group, and returns
 * the results in input order. A failure cancels the rest. With `limit`, at most that many calls
 * run at a time.
 *
 * @example
 * ```ts
 * const pages = await mapConcurrent(urls, (url) => fetchPage(url), { limit: 8 });
 * ```
 */
export async function mapConcurrent<T, R>(
  items: Iterable<T>,
  fn: (item: T, index: number) => Promise<R> | R,
  options: MapConcurrentOptions = {},
): Promise<R[]> {
  const list = Array.from(items);
  const limit = options.limit ?? Infinity;
  if (!(limit >= 1) || (limit !== Infinity && !Number.isInteger(limit))) {
    throw new RangeError(`mapConcurrent: limit must be a positive integer or Infinity, got ${String(limit)}`);
  }
  const results = new Array<R>(list.length);
  await withTaskGroup((tg) => {
    if (limit >= list.length) {
      list.forEach((item, index) => {
        tg._startSoonAs(helperTaskName('mapConcurrent', fn, index), async () => {
          results[index] = await fn(item, index);
        }, []);
      });
      return;
    }
    // `limit` workers pull the next index: order of results is kept by index, not by finish.
    let next = 0;
    for (let worker = 0; worker < limit; worker++) {
      tg._startSoonAs(helperTaskName('mapConcurrent worker', fn, worker), async () => {
        while (next < list.length) {
          const index = next++;
          results[index] = await fn(list[index] as T, index);
        }
      }, []);
    }
  });
  return results;
}
