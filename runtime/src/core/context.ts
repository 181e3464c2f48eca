/**
 * The implicit context: which task is running and which cancel scope is innermost. Carried by
 * `AsyncLocalStorage`, so it follows every `await` without a context argument (principle 5).
 */

import { AsyncLocalStorage } from 'node:async_hooks';
// A cycle with cancel-scope.ts and task.ts: safe, since both are only used when called.
import { CancelScope } from './cancel-scope.js';
import { realClock } from './clock.js';
import { Task } from './task.js';

/** What the runtime knows about the code that is running now. */
export interface TaskContext {
  readonly task: Task;
  readonly scope: CancelScope;
}

const storage = new AsyncLocalStorage<TaskContext>();

let implicitRoot: TaskContext | undefined;

/**
 * The current context. Code outside any Corral task (a module's top level, a callback of a
 * native API) runs in the implicit root task, whose scope is never cancelled and whose clock is
 * the real one; so Corral can be adopted one function at a time.
 */
export function currentContext(): TaskContext {
  return storage.getStore() ?? (implicitRoot ??= makeImplicitRoot());
}

function makeImplicitRoot(): TaskContext {
  const scope = new CancelScope();
  scope._enter(undefined, realClock);
  return new Task('<root>', null, scope);
}

/** Runs `fn(...args)` with `context` as the current context. */
export function runInContext<A extends unknown[], R>(context: TaskContext, fn: (...args: A) => R, ...args: A): R {
  return storage.run(context, fn, ...args);
}
