/**
 * The npm concurrency primitives that Corral replaces, and what to use instead. The text is
 * spliced into the rule's message after "Use ".
 */
export const LIBRARY_EQUIVALENTS: Readonly<Record<string, string>> = {
  'async-mutex': '`Lock` (for `Mutex`) or `Semaphore` from @corral/runtime',
  'await-lock': '`Lock` from @corral/runtime',
  'p-limit': '`CapacityLimiter`, or `mapConcurrent(items, fn, { limit })`, from @corral/runtime',
  'p-map': '`mapConcurrent(items, fn, { limit })` from @corral/runtime',
  'p-queue': 'a task group with a `CapacityLimiter` from @corral/runtime',
};

/** The Corral function that replaces each `Promise` combinator, and what it does better. */
export const COMBINATOR_EQUIVALENTS: Readonly<Record<string, { readonly replacement: string | null; readonly text: string }>> = {
  all: {
    replacement: 'gather',
    text: '`gather(...)` (or `mapConcurrent(items, fn)`) from @corral/runtime, which cancels the siblings when one fails',
  },
  allSettled: { replacement: 'gatherSettled', text: '`gatherSettled(...)` from @corral/runtime, which runs them in a task group' },
  race: { replacement: 'race', text: '`race(...)` from @corral/runtime, which cancels the losers' },
  any: {
    replacement: null,
    text: 'a task group whose first successful task cancels the others (`tg.cancelScope.cancel()`)',
  },
};

/** The Corral replacement of each promise timer from `timers/promises`. */
export const PROMISE_TIMER_EQUIVALENTS: Readonly<Record<string, string>> = {
  setTimeout: '`sleep(ms)`',
  'scheduler.wait': '`sleep(ms)`',
  setInterval: 'a loop that awaits `sleep(ms)`',
};
