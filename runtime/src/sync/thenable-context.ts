/**
 * Which async context a thenable's `then` runs in when a promise is resolved with it: the
 * context the promise was made in, or the context of the code that resolved it. The answer
 * decides how a waiting `run(fn)` gets back into its own task's context once granted (see
 * limiter-waiters.ts and run-in-line.ts), and it differs between runtimes: where
 * `AsyncLocalStorage` is built on promise hooks (Node before 24), the job that calls `then` runs
 * in the context of the promise it resolves; where it is built on async context frames (Node 24,
 * Deno, Bun), the job runs in the context it was queued from, like every other microtask.
 *
 * Either way of getting back is correct on every runtime; the answer only picks the cheaper one.
 * It is found once, by trying it, the first time it is asked: until the trial has run (a few
 * microtask turns), the answer is false, the way that does not depend on it.
 */

import { currentContext, runInContext, type TaskContext } from '../core/context.js';

let tried = false;
let answer = false;
let asking = true;

/**
 * Whether a promise resolved with a thenable calls the thenable's `then` in the context the
 * promise was made in. False until known.
 */
export function thenableRunsInPromiseContext(): boolean {
  if (!tried) tryThenable();
  return answer && asking;
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
      answer = currentContext() === made;
    },
  };
  runInContext(resolvedFrom, () => resolve(probe));
}

/**
 * @internal For tests: `false` makes {@link thenableRunsInPromiseContext} answer false whatever
 * the runtime does (the way that works everywhere), `true` lets it answer for the runtime again.
 */
export function _askRuntime(ask: boolean): void {
  asking = ask;
}
