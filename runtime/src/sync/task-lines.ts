/**
 * Which lines a task waits in: how a `Lock` or a `CapacityLimiter` refuses a second acquire by a
 * task that already waits in its line, in O(1) and without a scan of the line.
 *
 * The record is kept on the task itself (`Task._waitsIn`): the line it waits in, or, when it
 * waits in several at once (`Promise.all` over two locks), a set of them. A `Map` or `Set` of
 * waiting tasks kept by each primitive would do the same, but a hash lookup, insertion and
 * removal on every contended acquire cost more than the rest of a hand-over on Bun (they made
 * a contended `Lock` about twice as slow there); a field compared by identity costs nothing.
 */

import type { Cancelled } from '../core/errors.js';
import { Parked } from '../core/park.js';
import type { TaskContext } from '../core/context.js';
import type { Task } from '../core/task.js';

// The several lines of a task that waits in more than one at once; a class of its own, so that
// it is never mistaken for a line.
class Lines extends Set<object> {}

/** Whether `task` waits in `line`. */
export function waitsIn(task: Task, line: object): boolean {
  const current = task._waitsIn;
  return current === line || (current instanceof Lines && current.has(line));
}

/** Records that `task` waits in `line`, where it did not wait yet. */
export function enterLine(task: Task, line: object): void {
  const current = task._waitsIn;
  if (current === undefined) task._waitsIn = line;
  else if (current instanceof Lines) current.add(line);
  else task._waitsIn = new Lines([current, line]);
}

/** Records that `task` no longer waits in `line`. */
export function leaveLine(task: Task, line: object): void {
  const current = task._waitsIn;
  if (current === line) {
    task._waitsIn = undefined;
  } else if (current instanceof Lines) {
    current.delete(line);
    if (current.size === 0) task._waitsIn = undefined;
  }
}

/** A primitive with a line that each key (a task, a limiter's borrower) may wait in only once. */
export interface KeyedLine {
  /** @internal Records that `key` waits in this line (its waiter has just parked there). */
  _enteredLine(key: unknown): void;
  /** @internal Records that `key` no longer waits in this line (its wait was cancelled). */
  _leftLine(key: unknown): void;
}

/**
 * A parked operation in a {@link KeyedLine}, for `key`: it tells the line when it parks there
 * (joining the line's wait queue) and when a cancellation takes it out, so the key may wait
 * again. (Handing over is the line's own doing; it records the departure itself then.) With no
 * line, a plain parked operation.
 */
export class LineWaiter<T> extends Parked<T> {
  constructor(
    context: TaskContext,
    onCancel: () => void,
    readonly line: KeyedLine | undefined,
    readonly key: unknown,
  ) {
    super(context, onCancel);
  }

  /** Parks, as {@link Parked.enter}, and records the key in the line unless the scope was cancelled. */
  override enter(): this {
    super.enter();
    if (!this.settled) this.line?._enteredLine(this.key);
    return this;
  }

  /** @internal Called by the cancel scope when it is cancelled. */
  override abort(error: Cancelled, undo = true): void {
    if (this.settled) return;
    super.abort(error, undo);
    // Without `undo`, the operation was never queued (its scope was cancelled before it parked),
    // so the line never recorded it.
    if (undo) this.line?._leftLine(this.key);
  }
}
