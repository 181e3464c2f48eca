/**
 * How a `run(fn)` that waited in line gets back into its own task's context once it is handed
 * the lock or token, to call `fn` there: the cheapest way differs between runtimes.
 *
 * - `'thenable'`: the waiter's promise is resolved with the waiter itself, and the job that
 *   calls its `then` calls `fn`. Only where that job runs in the context the promise was made in:
 *   where `AsyncLocalStorage` is built on promise hooks (Node before 24). Elsewhere the job runs
 *   in the context it was queued from (the releasing task's), like every other microtask.
 * - `'resource'`: the same, but `then` calls `fn` through an `AsyncResource` made when the
 *   waiter parked, which restores its context. Cheap on Node with async context frames (Node 24).
 * - `'reaction'`: the promise `run()` returns is a reaction to the waiter's promise, registered
 *   when it parks, in its context. A second promise, but no context to restore: the cheapest on
 *   Deno (where an `AsyncResource` costs about a microsecond) and Bun.
 *
 * Every way is correct on every runtime, and each restores the caller's whole async context
 * (its own `AsyncLocalStorage` values too), not only the runtime's. Whether `'thenable'` applies
 * is found once, by trying it, the first time it is asked; until the trial has run (a few
 * microtask turns), the answer is the runtime's other way.
 */

import { platform } from '../backend/select-platform.js';
import { currentContext, runInContext, type TaskContext } from '../core/context.js';

/** One of the ways described above. */
export type ResumeWay = 'thenable' | 'resource' | 'reaction';

let tried = false;
let thenableKeepsContext = false;
let forced: ResumeWay | undefined;

/** The way a waiting `run(fn)` parked now should get back into its context. */
export function resumeWay(): ResumeWay {
  if (forced !== undefined) return forced;
  if (!tried) tryThenable();
  if (thenableKeepsContext) return 'thenable';
  return platform().contextResumeWay;
}

function tryThenable(): void {
  tried = true;
  // Two stand-in contexts, seen by nothing but the trial: the promise is made in one and
  // resolved from the other, and `then` reports which one it runs in. The promise never settles
  // and nothing refers to it afterwards.
  const made = {} as TaskContext;
  const resolvedFrom = {} as TaskContext;
  let resolve!: (value: unknown) => void;
  runInContext(made, () => {
    // eslint-disable-next-line @corral/no-leaked-tasks -- never settles and is never awaited: only its resolution job is observed
    void new Promise((settle) => (resolve = settle));
  });
  const probe = {
    then(): void {
      thenableKeepsContext = currentContext() === made;
    },
  };
  runInContext(resolvedFrom, () => resolve(probe));
}

/**
 * @internal For tests: which way to use whatever the runtime does (never `'thenable'` where it
 * does not apply), or `undefined` to let the runtime decide again.
 */
export function _forceResumeWay(way: ResumeWay | undefined): void {
  forced = way;
}
