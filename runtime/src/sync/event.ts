/**
 * Event: a one-shot flag that tasks can wait for.
 */

import { checkpoint } from '../core/checkpoint.js';
import { currentContext } from '../core/context.js';
import { Parked } from '../core/park.js';
import { WaitQueue } from './wait-queue.js';

/**
 * What {@link Event.statistics} reports.
 *
 * @example
 * ```ts
 * console.log(`${ready.statistics().tasksWaiting} tasks wait for the event`);
 * ```
 */
export interface EventStatistics {
  /** How many tasks are waiting for the event. */
  readonly tasksWaiting: number;
}

/**
 * A flag that starts unset; `set()` wakes every task waiting in `wait()`, and later waits return
 * at once. It cannot be cleared: make a new `Event` for the next round. Can be created anywhere,
 * before any task runs.
 *
 * @example
 * ```ts
 * const ready = new Event();
 * await withTaskGroup(async (tg) => {
 *   tg.startSoon(async () => {
 *     await ready.wait();
 *     console.log('go');
 *   });
 *   ready.set();
 * });
 * ```
 */
export class Event {
  private flag = false;
  private readonly waiters = new WaitQueue<Parked<void>>();

  /** Sets the flag and wakes every waiting task. Idempotent. */
  set(): void {
    if (this.flag) return;
    this.flag = true;
    // Woken before any later cancellation can reach them: a waiter that was waiting when the
    // event was set returns normally even if its scope is cancelled right after.
    for (const op of this.waiters.drain()) op.wake(undefined);
  }

  /** Whether `set()` has been called. */
  isSet(): boolean {
    return this.flag;
  }

  /**
   * Waits until the flag is set. A checkpoint: when the flag is already set it still lets other
   * tasks run and raises `Cancelled` in a cancelled scope.
   */
  wait(): Promise<void> {
    if (this.flag) return checkpoint();
    return this.waiters.join(new Parked<void>(currentContext(), this.waiters.discard)).promise;
  }

  /** How many tasks are waiting. */
  statistics(): EventStatistics {
    return { tasksWaiting: this.waiters.size };
  }
}
