/**
 * Lock: mutual exclusion between tasks, owned by the task that acquired it.
 */

import { rejectIfCancelled } from '../core/checkpoint.js';
import { currentContext, type TaskContext } from '../core/context.js';
import { WouldBlock } from '../core/errors.js';
import type { Task, TaskInfo } from '../core/task.js';
import { Held, type ReleasableFor, runHolding } from './held.js';
import { RunInLine } from './run-in-line.js';
import { resumeWay } from './resume-way.js';
import { enterLine, type KeyedLine, leaveLine, LineWaiter, waitsIn } from './task-lines.js';
import { afterUncontendedAcquire } from './uncontended.js';
import { WaitQueue } from './wait-queue.js';

/**
 * Options of {@link Lock}.
 *
 * @example
 * ```ts
 * const cacheLock = new Lock({ fastAcquire: true });
 * ```
 */
export interface LockOptions {
  /**
   * Skip the scheduling point of an uncontended `acquire()` (cancellation is still checked).
   * Faster, but a task that loops on an uncontended lock then never lets others run.
   */
  fastAcquire?: boolean;
}

/**
 * What {@link Lock.statistics} reports.
 *
 * @example
 * ```ts
 * const { locked, owner, tasksWaiting } = lock.statistics();
 * if (locked) console.log(`held by ${owner?.name}, ${tasksWaiting} waiting`);
 * ```
 */
export interface LockStatistics {
  /** Whether some task holds the lock. */
  readonly locked: boolean;
  /** The task that holds it, or `null`. */
  readonly owner: TaskInfo | null;
  /** How many tasks are waiting to acquire it. */
  readonly tasksWaiting: number;
}

/**
 * A FIFO-fair mutual exclusion lock. The task that acquires it owns it, and only that task may
 * release it; at `release()` ownership passes directly to the longest-waiting task, so nobody
 * can jump the queue. Acquiring it again from the owning task, or from a task already waiting
 * for it, is an error (it is not reentrant).
 * Can be created anywhere, before any task runs.
 *
 * Prefer the scoped forms, which cannot forget to release: `await using _ = await lock.hold()`
 * or `await lock.run(async () => ...)`.
 *
 * @example
 * ```ts
 * const lock = new Lock();
 * let balance = 100;
 * async function withdraw(amount: number): Promise<void> {
 *   await lock.run(async () => {
 *     const current = balance;
 *     await sleep(10); // other tasks run here, but none can enter
 *     balance = current - amount;
 *   });
 * }
 * ```
 */
export class Lock implements ReleasableFor, KeyedLine {
  // Invariant: `owner === undefined` implies `waiters.size === 0`, because release() hands
  // the lock to the next live waiter instead of unlocking when anyone waits.
  private owner: Task | undefined;
  // Invariant: a task has at most one waiter here, and none while it is the owner; each task with
  // a waiter here records this lock as a line it waits in (see task-lines.ts), until the waiter
  // is handed the lock or cancelled.
  private readonly waiters = new WaitQueue<LineWaiter<unknown>>();
  private readonly fastAcquire: boolean;

  constructor(options: LockOptions = {}) {
    this.fastAcquire = options.fastAcquire ?? false;
  }

  /**
   * Acquires the lock, waiting in line while another task holds it. A checkpoint: raises
   * `Cancelled` (without the lock) in a cancelled scope, and lets other tasks run even when the
   * lock is free (unless `fastAcquire`). Throws an `Error` if the current task already holds it
   * or is already waiting for it (two overlapping acquires from one task, as in
   * `Promise.all([lock.run(f), lock.run(g)])`, whether the lock is free or not): the second would
   * wait for the first for ever.
   */
  acquire(): Promise<void> {
    return this.acquireIn(currentContext());
  }

  /**
   * Acquires the lock if it is free, without waiting; otherwise throws `WouldBlock`. Throws an
   * `Error` if the current task already holds it or is waiting for it.
   */
  acquireNowait(): void {
    const task = currentContext().task;
    const owner = this.owner;
    if (owner === undefined) {
      this.owner = task;
      return;
    }
    if (owner === task || waitsIn(task, this)) throw alreadyAcquiring(task, 'acquireNowait');
    throw new WouldBlock(`Lock.acquireNowait(): the lock is held by ${owner.describe()}`);
  }

  /**
   * Releases the lock: the longest-waiting task becomes the owner at once. Throws an `Error` if
   * the current task does not hold it.
   */
  release(): void {
    this._releaseFor(currentContext().task);
  }

  /** Whether some task holds the lock. */
  locked(): boolean {
    return this.owner !== undefined;
  }

  /**
   * Acquires the lock and returns a {@link Held} that releases it when disposed. The hold
   * releases on behalf of the task that acquired it, wherever it is disposed or released.
   *
   * @example
   * ```ts
   * {
   *   await using _held = await lock.hold();
   *   await writeRecord(record);
   * } // released here
   * ```
   */
  hold(): Promise<Held> {
    const context = currentContext();
    return this.acquireIn(context, 'hold').then(() => new Held(this, context.task));
  }

  /**
   * Runs `fn` while holding the lock, and releases it however `fn` ends.
   *
   * @example
   * ```ts
   * const total = await lock.run(async () => await readTotal());
   * ```
   */
  run<R>(fn: () => PromiseLike<R> | R): Promise<R> {
    const context = currentContext();
    const owner = this.owner;
    const task = context.task;
    if (owner !== undefined && owner !== task && resumeWay() === 'thenable') {
      if (waitsIn(task, this)) return Promise.reject(alreadyAcquiring(task, 'run'));
      // In line, where one object can wait and call `fn` itself (see run-in-line.ts).
      return this.waiters.join(new RunInLine(context, this.waiters.discard, fn, this, task, this)).promise as Promise<R>;
    }
    return runHolding(this.acquireIn(context, 'run'), fn, this, task);
  }

  /** Who holds the lock and how many tasks wait for it. */
  statistics(): LockStatistics {
    return { locked: this.owner !== undefined, owner: this.owner?.info() ?? null, tasksWaiting: this.waiters.size };
  }

  /** @internal Whether the current task holds this lock (used by `Condition`). */
  _heldByCurrentTask(): boolean {
    return this.owner !== undefined && this.owner === currentContext().task;
  }

  /** @internal `task` has parked in line. */
  _enteredLine(task: unknown): void {
    enterLine(task as Task, this);
  }

  /** @internal `task`'s wait in line was cancelled. */
  _leftLine(task: unknown): void {
    leaveLine(task as Task, this);
  }

  /** @internal `release()` on behalf of `task`, which must be the owner. */
  _releaseFor(task: unknown): void {
    const owner = this.owner;
    if (owner !== task) {
      const held = owner === undefined ? 'it is not locked' : `it is held by ${owner.describe()}`;
      throw new Error(`Lock.release(): ${(task as Task).describe()} does not hold this lock (${held})`);
    }
    this.handOver();
  }

  // `acquire()` for the task of `context`: a cancelled scope takes nothing; a free lock is taken
  // at once (then a scheduling point that cannot raise); otherwise the task parks in line.
  private acquireIn(context: TaskContext, method = 'acquire'): Promise<void> {
    const task = context.task;
    const owner = this.owner;
    if (owner === undefined) {
      const cancelled = rejectIfCancelled(context.scope);
      if (cancelled !== undefined) return cancelled;
      this.owner = task;
      return afterUncontendedAcquire(this.fastAcquire);
    }
    if (owner === task || waitsIn(task, this)) return Promise.reject(alreadyAcquiring(task, method));
    return this.waiters.join(new LineWaiter<unknown>(context, this.waiters.discard, this, task)).promise as Promise<void>;
  }

  private handOver(): void {
    for (let next = this.waiters.shift(); next !== undefined; next = this.waiters.shift()) {
      leaveLine(next.task, this);
      this.owner = next.task;
      if (next.wake(undefined)) return;
    }
    this.owner = undefined;
  }
}

// The same error whether the task holds the lock or waits for it: which of the two it is depends
// only on whether the lock was free when the first acquire ran.
function alreadyAcquiring(task: Task, method: string): Error {
  return new Error(
    `Lock.${method}(): ${task.describe()} already holds this lock or is waiting for it (a Lock is not reentrant, so a second acquire by one task would wait for itself)`,
  );
}
