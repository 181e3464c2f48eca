/**
 * Parking: the one way a task waits for something in this runtime. A parked operation resolves
 * when its owner wakes it, or rejects with `Cancelled` the moment its scope is cancelled; it
 * never does both. Every blocking primitive (events, locks, streams, sleeps) is built on this.
 */

import type { CancelScope } from './cancel-scope.js';
import { currentContext, type TaskContext } from './context.js';
import type { Cancelled } from './errors.js';
import { noteActivity } from './scheduling.js';
import type { Task } from './task.js';

// One shared executor for every parked promise: the constructor reads the two functions back
// right after `new Promise` has called it (synchronously), so a wait allocates no closure.
let capturedResolve: ((value: never) => void) | undefined;
let capturedReject: ((error: unknown) => void) | undefined;
function captureSettlers(resolve: (value: never) => void, reject: (error: unknown) => void): void {
  capturedResolve = resolve;
  capturedReject = reject;
}

/**
 * A parked operation of the current task.
 *
 * Protocol for a primitive:
 * 1. `const op = park(onCancel)`; if `op.settled` is already true, the scope was cancelled and
 *    nothing must be registered (return `op.promise`, which rejects with `Cancelled`).
 * 2. Otherwise register `op` in the primitive's wait queue and return `op.promise`.
 * 3. To hand something over, call `op.wake(value)`: it returns false when the operation was
 *    already cancelled, so the primitive offers the thing to the next waiter instead.
 * 4. `onCancel` runs synchronously when the scope is cancelled; it removes `op` from the queue.
 *
 * @example
 * ```ts
 * const op = park<void>(() => waiters.delete(op));
 * if (!op.settled) waiters.add(op);
 * await op.promise;
 * ```
 */
export class Parked<T> {
  /** Settles once: with the value given to `wake`, or with `Cancelled`. */
  readonly promise: Promise<T>;
  private resolveFn!: (value: T | PromiseLike<T>) => void;
  private rejectFn!: (error: unknown) => void;
  private _settled = false;
  /** @internal Links in the scope's list of parked operations. */
  _prev: Parked<unknown> | undefined = undefined;
  /** @internal */
  _next: Parked<unknown> | undefined = undefined;
  private readonly scope: CancelScope;
  /** The task that waits. */
  readonly task: Task;
  private readonly onCancel: (() => void) | undefined;

  /**
   * A primitive whose waiters carry data (the item a sender offers, say) may subclass `Parked`,
   * so one object is both the operation and the queue entry; it then calls `enter()`, as
   * {@link park} does for a plain one.
   */
  constructor(context: TaskContext, onCancel: (() => void) | undefined) {
    this.scope = context.scope;
    this.task = context.task;
    this.onCancel = onCancel;
    this.promise = new Promise<T>(captureSettlers);
    this.resolveFn = capturedResolve as (value: T | PromiseLike<T>) => void;
    this.rejectFn = capturedReject!;
    capturedResolve = capturedReject = undefined;
  }

  /** Whether the operation has been woken, failed or cancelled. */
  get settled(): boolean {
    return this._settled;
  }

  /** Completes the operation with `value`. Returns false if it had already settled. */
  wake(value: T): boolean {
    if (this._settled) return false;
    this.settle();
    this.resolveFn(value);
    return true;
  }

  /**
   * Completes the operation with `value`, like {@link Parked.wake}, but the waiting task resumes
   * two microtask turns later, after the task that woke it has had its next turn. The operation
   * is settled at once all the same (a cancellation can no longer take it back). Returns false
   * if it had already settled.
   */
  wakeAfterWaker(value: T): boolean {
    if (this._settled) return false;
    this.settle();
    // Resolving with a settled promise costs two more turns of the microtask queue.
    this.resolveFn(Promise.resolve(value));
    return true;
  }

  /**
   * For a subclass that finishes the work itself once woken: settles the operation as woken (a
   * cancellation can no longer take it back, and the task no longer counts as blocked) but
   * leaves its promise pending, for {@link Parked.resolveClaimed}
   * to settle later. Returns false if it had already settled.
   */
  protected claim(): boolean {
    if (this._settled) return false;
    this.settle();
    return true;
  }

  /** Settles the promise of an operation that {@link Parked.claim} took. */
  protected resolveClaimed(value: T | PromiseLike<T>): void {
    this.resolveFn(value);
  }

  /** Fails the operation with `error` (not a cancellation). Returns false if already settled. */
  fail(error: unknown): boolean {
    if (this._settled) return false;
    this.settle();
    this.rejectFn(error);
    return true;
  }

  /** @internal Called by the cancel scope when it is cancelled. */
  abort(error: Cancelled, undo = true): void {
    if (this._settled) return;
    this.settle();
    if (undo) this.onCancel?.();
    this.rejectFn(error);
  }

  /**
   * Parks the task of this newly made operation: registers it with its scope, or, when the
   * scope is already cancelled, settles it at once with `Cancelled`. Returns `this`.
   */
  enter(): this {
    const scope = this.scope;
    this.task._blocked++;
    if (scope._effectivelyCancelled) {
      // Never registered, so there is nothing for onCancel to undo.
      this.abort(scope.cancelledError(), false);
    } else {
      scope._addWaiter(this as Parked<unknown>);
    }
    return this;
  }

  private settle(): void {
    this._settled = true;
    this.scope._removeWaiter(this as Parked<unknown>);
    this.task._blocked--;
    noteActivity();
  }
}

/**
 * Parks the current task until the returned operation is woken or its scope is cancelled. See
 * {@link Parked} for the protocol a primitive follows. A primitive that has already looked up the
 * current context passes it, to save a second lookup on its hot path.
 */
export function park<T>(onCancel?: () => void, context: TaskContext = currentContext()): Parked<T> {
  return new Parked<T>(context, onCancel).enter();
}
