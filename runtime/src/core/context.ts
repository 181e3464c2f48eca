/**
 * The implicit context: which task is running and which cancel scope is innermost. Carried by
 * `AsyncLocalStorage`, so it follows every `await` without a context argument (principle 5).
 */

import { AsyncLocalStorage } from 'node:async_hooks';
import type { CancelScope } from './cancel-scope.js';
import type { Task } from './task.js';

/** What the runtime knows about the code that is running now. */
export interface TaskContext {
  readonly task: Task;
  readonly scope: CancelScope;
}

const storage = new AsyncLocalStorage<TaskContext>();

let implicitRoot: TaskContext | undefined;
// Installed by task.ts when it loads. This module cannot import Task itself: Task extends
// CancelScope, and cancel-scope.ts imports this module, so the import would form a cycle that
// fails whenever cancel-scope.ts happens to load first.
let makeImplicitRoot: (() => TaskContext) | undefined;

/** @internal */
export function installImplicitRootFactory(factory: () => TaskContext): void {
  makeImplicitRoot = factory;
}

/**
 * The current context. Code outside any Corral task (a module's top level, a callback of a
 * native API) runs in the implicit root task, whose scope is never cancelled and whose clock is
 * the real one; so Corral can be adopted one function at a time.
 */
export function currentContext(): TaskContext {
  return storage.getStore() ?? (implicitRoot ??= makeImplicitRoot!());
}

/** Runs `fn()` with `context` as the current context. */
export function runInContext<R>(context: TaskContext, fn: () => R): R {
  // No rest parameters: forwarding arguments would cost an array for every task started.
  return storage.run(context, fn);
}
