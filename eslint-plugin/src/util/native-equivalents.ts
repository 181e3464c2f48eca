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

/**
 * The Corral function that replaces each `Promise` combinator, what it does better, and what the
 * combinator itself gets wrong (`allSettled` waits for every promise, so it leaves nothing
 * running, but it cannot cancel any of them either).
 */
export const COMBINATOR_EQUIVALENTS: Readonly<
  Record<string, { readonly replacement: string | null; readonly text: string; readonly problem: string }>
> = {
  all: {
    replacement: 'gather',
    text: '`gather(...)` (or `mapConcurrent(items, fn)`) from @corral/runtime, which cancels the siblings when one fails',
    problem: 'leaves unowned tasks running when one fails',
  },
  allSettled: {
    replacement: 'gatherSettled',
    text: '`gatherSettled(...)` from @corral/runtime, which runs them in a task group',
    problem: 'waits for every promise but cannot cancel any of them',
  },
  race: {
    replacement: 'race',
    text: '`race(...)` from @corral/runtime, which cancels the losers',
    problem: 'leaves the losers running unowned',
  },
  any: {
    replacement: null,
    text: 'a task group whose first successful task cancels the others (`tg.cancelScope.cancel()`)',
    problem: 'leaves the other tasks running unowned',
  },
};

/** The Corral replacement of each promise timer from `timers/promises`. */
export const PROMISE_TIMER_EQUIVALENTS: Readonly<Record<string, string>> = {
  setTimeout: '`sleep(ms)`',
  'scheduler.wait': '`sleep(ms)`',
  setInterval: 'a loop that awaits `sleep(ms)`',
};
