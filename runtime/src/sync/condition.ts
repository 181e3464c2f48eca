/**
 * Condition: waiting for a state change announced by another task, under a lock.
 */

import { CancelScope } from '../core/cancel-scope.js';
import { checkpointIfCancelled } from '../core/checkpoint.js';
import { currentContext } from '../core/context.js';
import { Parked } from '../core/park.js';
import { Held } from './held.js';
import { Lock, type LockStatistics } from './lock.js';
import { WaitQueue } from './wait-queue.js';

/**
 * What {@link Condition.statistics} reports.
 *
 * @example
 * ```ts
 * const { tasksWaiting, lockStatistics } = condition.statistics();
 * ```
 */
export interface ConditionStatistics {
  /** How many tasks are waiting in `wait()`. */
  readonly tasksWaiting: number;
  /** The statistics of the underlying lock. */
  readonly lockStatistics: LockStatistics;
}

/**
 * A condition variable: a task holding the lock calls `wait()`, which releases the lock until
 * another task holding it calls `notify()`, and takes the lock back before returning. Notified
 * tasks are woken in FIFO order. Can be created anywhere, before any task runs.
 *
 * @example
 * ```ts
 * const changed = new Condition();
 * const jobs: string[] = [];
 * async function worker(): Promise<void> {
 *   await changed.run(async () => {
 *     await changed.waitFor(() => jobs.length > 0);
 *     console.log('working on', jobs.shift());
 *   });
 * }
 * async function submit(job: string): Promise<void> {
 *   await changed.run(() => {
 *     jobs.push(job);
 *     changed.notify();
 *   });
 * }
 * ```
 */
export class Condition {
  /** The lock that guards the state this condition is about. */
  readonly lock: Lock;
  private readonly waiters = new WaitQueue<Parked<void>>();

  /** Uses `lock` when given (several conditions can share one lock), a new `Lock` otherwise. */
  constructor(lock?: Lock) {
    this.lock = lock ?? new Lock();
  }

  /** Acquires the underlying lock (see {@link Lock.acquire}). */
  acquire(): Promise<void> {
    return this.lock.acquire();
  }

  /** Acquires the underlying lock without waiting, or throws `WouldBlock`. */
  acquireNowait(): void {
    this.lock.acquireNowait();
  }

  /** Releases the underlying lock. */
  release(): void {
    this.lock.release();
  }

  /** Whether the underlying lock is held. */
  locked(): boolean {
    return this.lock.locked();
  }

  /**
   * Releases the lock, waits for a `notify()`, and reacquires the lock before returning, even
   * when cancelled (the `Cancelled` is raised once the lock is held again, so a `finally` that
   * releases it stays correct). The current task must hold the lock.
   *
   * A waiter notified and cancelled in the same instant (the `notify()` ran first, before the
   * waiter resumed) keeps the notification: `wait()` returns normally, and the next waiter stays
   * waiting, as a `Lock` or `Semaphore` keeps a hand-over that a cancellation arrives after.
   * Nothing is lost: the cancellation is raised at the task's next checkpoint.
   *
   * @example
   * ```ts
   * await condition.run(async () => {
   *   while (queue.length === 0) await condition.wait();
   *   handle(queue.shift());
   * });
   * ```
   */
  async wait(): Promise<void> {
    this.checkHeld('wait');
    await checkpointIfCancelled();
    const op = this.waiters.join(new Parked<void>(currentContext(), this.waiters.discard));
    this.lock.release();
    try {
      await op.promise;
    } finally {
      // Shielded so that a cancelled waiter still gets the lock back before it unwinds.
      await new CancelScope({ shield: true }).run(() => this.lock.acquire());
    }
  }

  /**
   * Waits until `predicate()` returns a truthy value, and returns that value. Checks first, then
   * after each notification, always holding the lock. The current task must hold the lock.
   */
  async waitFor<T>(predicate: () => T): Promise<T> {
    for (;;) {
      const result = predicate();
      if (result) return result;
      await this.wait();
    }
  }

  /**
   * Wakes up to `n` waiting tasks, longest-waiting first. A waiter cancelled before it was
   * notified is skipped, so the notification goes to the next one. The current task must hold
   * the lock.
   */
  notify(n = 1): void {
    this.checkHeld('notify');
    for (let woken = 0; woken < n; ) {
      const next = this.waiters.shift();
      if (next === undefined) return;
      if (next.wake(undefined)) woken++;
    }
  }

  /** Wakes every waiting task. The current task must hold the lock. */
  notifyAll(): void {
    this.checkHeld('notifyAll');
    for (const op of this.waiters.drain()) op.wake(undefined);
  }

  /**
   * Acquires the lock and returns a {@link Held} that releases it when disposed.
   *
   * @example
   * ```ts
   * {
   *   await using _held = await condition.hold();
   *   await condition.waitFor(() => queue.length > 0);
   * }
   * ```
   */
  hold(): Promise<Held> {
    return this.lock.hold();
  }

  /**
   * Runs `fn` holding the lock, and releases it however `fn` ends.
   *
   * @example
   * ```ts
   * await condition.run(() => condition.notifyAll());
   * ```
   */
  run<R>(fn: () => PromiseLike<R> | R): Promise<R> {
    return this.lock.run(fn);
  }

  /** How many tasks wait, and the state of the lock. */
  statistics(): ConditionStatistics {
    return { tasksWaiting: this.waiters.size, lockStatistics: this.lock.statistics() };
  }

  private checkHeld(method: string): void {
    if (!this.lock._heldByCurrentTask()) {
      throw new Error(
        `Condition.${method}(): ${currentContext().task.describe()} does not hold the underlying lock`,
      );
    }
  }
}
