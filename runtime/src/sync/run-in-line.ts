/**
 * A `run(fn)` of a `Lock`, a `Semaphore` or a `CapacityLimiter` waiting in line, where it gets
 * back into its task's context by the `'thenable'` or `'resource'` way (see resume-way.ts).
 */

import type { AsyncResource } from 'node:async_hooks';
import type { TaskContext } from '../core/context.js';
import { callHolding, type ReleasableFor } from './held.js';
import type { LimiterEntry } from './limiter-waiters.js';
import { type KeyedLine, LineWaiter } from './task-lines.js';

/**
 * One object and one promise for a `run(fn)` in line, where otherwise a waiter's promise and a
 * second promise for `fn`'s outcome would be needed. Its promise is the one `run()` returned.
 * When the lock or token is handed to it, the promise is resolved with this object itself; the
 * job that calls its `then` (on a later microtask, in the waiting task's context, or through
 * `resource` when given, which restores it) calls `fn`, gives back what it was handed, as
 * `holder`, and settles. A limiter often has thousands of tasks parked at once, one per job it
 * gates, and each of them then holds this one object and one promise.
 *
 * `line` is the primitive when it lets each holder wait only once (a `Lock`, a limiter), and is
 * told when a cancellation takes this waiter out of its line.
 */
export class RunInLine<R> extends LineWaiter<unknown> implements LimiterEntry {
  constructor(
    context: TaskContext,
    onCancel: () => void,
    private readonly fn: () => PromiseLike<R> | R,
    private readonly primitive: ReleasableFor,
    holder: unknown,
    line: KeyedLine | undefined,
    private readonly resource?: AsyncResource,
  ) {
    super(context, onCancel, line, holder);
  }

  /** In a limiter's line, the borrower is the holder. */
  get borrower(): unknown {
    return this.key;
  }

  /** Hands over the lock or token; false if the operation had already settled (it was cancelled). */
  override wake(): boolean {
    if (!this.claim()) return false;
    // What was handed over is this task's from now on: a cancellation can no longer take it back.
    this.resolveClaimed(this);
    return true;
  }

  /** A limiter's name for {@link RunInLine.wake}. */
  grant(): boolean {
    return this.wake();
  }

  /** Called by the promise machinery once woken (see the class comment); not for other use. */
  then(resolve: (value: R) => void, reject: (error: unknown) => void): void {
    const resource = this.resource;
    if (resource === undefined) callHolding(this.fn, this.primitive, this.key, resolve, reject);
    else resource.runInAsyncScope(callHolding, undefined, this.fn, this.primitive, this.key, resolve, reject);
  }
}
