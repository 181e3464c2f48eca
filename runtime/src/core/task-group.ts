/**
 * Task groups: the structured-concurrency core. A group never returns while one of its tasks
 * runs; a failure anywhere in it cancels the rest; every error reaches the code that awaited the
 * group, exactly once; cancellation is never reported as a task's error.
 */

import { CancelScope } from './cancel-scope.js';
import { cancelShieldedCheckpoint } from './checkpoint.js';
import { currentContext, runInContext } from './context.js';
import { type Cancelled, isCancelled } from './errors.js';
import { combineErrors } from './exception-group.js';
import { Task, type TaskHandle } from './task.js';

/**
 * What a task started with `tg.start()` calls once it is ready: `start()` then returns the value
 * given here, and the task goes on running in the group.
 *
 * @example
 * ```ts
 * async function serve(port: number, status: TaskStatus<number> = TASK_STATUS_IGNORED) {
 *   const listener = await createTcpListener({ localPort: port });
 *   status.started(listener.extra(SocketAttribute.localPort));
 *   await listener.serve(handle);
 * }
 * // TypeScript cannot infer T from how the callback uses `status`: name it.
 * const port = await tg.start<number>((status) => serve(0, status));
 * ```
 */
export interface TaskStatus<T = void> {
  /** Signals that the task is ready; call it once. */
  started(...value: undefined extends T ? [value?: T] : [value: T]): void;
}

/**
 * The default for a `status` parameter, so one function can be both `start`ed and
 * `startSoon`ed; its `started()` does nothing.
 *
 * @example
 * ```ts
 * async function serve(port: number, status: TaskStatus<number> = TASK_STATUS_IGNORED) { ... }
 * tg.startSoon(serve, 8080);
 * ```
 */
export const TASK_STATUS_IGNORED: TaskStatus<never> = Object.freeze({ started: () => undefined });

/**
 * Options of {@link TaskGroup.start}.
 *
 * @example
 * ```ts
 * const port = await tg.start(serve, { name: 'http server' });
 * ```
 */
export interface StartOptions {
  /** The task's name; by default the function's name. */
  name?: string;
}

/** For `start()`: passes an error raised before `started()` to its caller; false once too late. */
type BeforeStarted = (error: unknown) => boolean;

const NOT_STARTED = 0;
const STARTED = 1;
const EXITED = 2;

/**
 * A group of concurrent tasks, alive for the duration of a {@link withTaskGroup} call.
 *
 * @example
 * ```ts
 * await withTaskGroup(async (tg) => {
 *   for (let i = 0; i < 3; i++) tg.startSoon(fetchData, i);
 * });
 * // every fetchData has finished here
 * ```
 */
export class TaskGroup {
  // Invariant: `live` counts tasks started in this group that have not ended; the group is
  // `closed` exactly when its host has finished and `live` has dropped to zero.
  private live = 0;
  private hostDone = false;
  private closed = false;
  private readonly errors: unknown[] = [];
  private firstCancelled: Cancelled | undefined = undefined;
  // The tasks waiting for the next start batch, linked through `_nextToStart`, oldest first.
  private firstToStart: Task | undefined = undefined;
  private lastToStart: Task | undefined = undefined;
  private wakeHost: (() => void) | undefined;

  /** @internal Use {@link withTaskGroup}. */
  constructor(
    /** @internal The task whose body is the group's host. */
    readonly _host: Task,
    /** The scope of the group: cancelling it cancels the host body and every task. */
    readonly cancelScope: CancelScope,
  ) {}

  /**
   * Starts `fn(...args)` as a new task of this group, soon (in a later microtask, so it runs
   * after the caller's current synchronous code). Returns the task's handle.
   */
  startSoon<A extends unknown[], R>(fn: (...args: A) => Promise<R> | R, ...args: A): TaskHandle<R> {
    return this._startSoonAs(fn, fn, args);
  }

  /** @internal `startSoon` with an explicit name, for the result helpers' tasks. */
  _startSoonAs<A extends unknown[], R>(name: string | { name: string }, fn: (...args: A) => Promise<R> | R, args: A): TaskHandle<R> {
    if (this.closed) this.throwClosed('startSoon');
    return this.admit<R>(name, this.cancelScope, fn as (...args: unknown[]) => unknown, args, undefined);
  }

  /**
   * Starts `fn(status)` as a new task and waits until it calls `status.started(value)`; returns
   * that value. Until then the task runs under the caller's scope (cancelling the caller cancels
   * it) and an error it raises comes out of `start()` itself; afterwards it belongs to the group.
   */
  async start<T = void>(fn: (status: TaskStatus<T>) => unknown, options: StartOptions = {}): Promise<T> {
    if (this.closed) this.throwClosed('start');
    const caller = currentContext();
    let state = NOT_STARTED;
    caller.task._blocked++;
    try {
      return await new Promise<T>((resolve, reject) => {
        const status: TaskStatus<T> = {
          started: (...value) => {
            if (state === STARTED) throw new Error(`${task.describe()} called status.started() twice`);
            if (state === EXITED) throw new Error(`${task.describe()} called status.started() after it ended`);
            state = STARTED;
            task._moveUnder(this.cancelScope);
            resolve(value[0] as T);
          },
        };
        // Hands an error raised before `started()` to the caller of `start()`.
        const beforeStarted = (error: unknown): boolean => {
          if (state !== NOT_STARTED) return false;
          state = EXITED;
          // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the task's own error, passed on unchanged
          reject(error);
          return true;
        };
        // The task runs in the group's next start batch, after this executor has returned.
        const task = this.admit(options.name ?? fn, caller.scope, fn as (...args: unknown[]) => unknown, [status], beforeStarted);
      });
    } finally {
      caller.task._blocked--;
    }
  }

  /** Cancels the group's scope: the host body and every task get `Cancelled` at their next checkpoint. */
  cancel(reason?: string): void {
    this.cancelScope.cancel(reason);
  }

  /** @internal Runs the host body, then waits for every task and decides what the group raises. */
  async _runHost<T>(body: (tg: TaskGroup) => Promise<T> | T): Promise<T> {
    let result: T | undefined;
    try {
      result = await runInContext({ task: this._host, scope: this.cancelScope }, () => body(this));
    } catch (error) {
      this.recordError(error, 'the host of the task group');
    }
    this.hostDone = true;
    if (this.live > 0) {
      // Not a checkpoint: the group waits for its tasks whatever happens to the host.
      this._host._blocked++;
      await new Promise<void>((resolve) => (this.wakeHost = resolve));
      this._host._blocked--;
    } else {
      this.closed = true;
      await cancelShieldedCheckpoint();
    }
    this.cancelScope._exit();
    if (this.errors.length > 0) throw combineErrors(this.errors);
    if (this.firstCancelled !== undefined) {
      if (!this.cancelScope.cancelCalled) throw this.firstCancelled;
      this.cancelScope._markCancelledCaught();
    }
    return result as T;
  }

  /** Creates a task whose own scope hangs under `parentScope`, counts it, and queues its start. */
  private admit<R>(
    name: string | { name: string },
    parentScope: CancelScope,
    fn: (...args: unknown[]) => unknown,
    args: unknown[],
    beforeStarted: BeforeStarted | undefined,
  ): Task<R> {
    const task = new Task<R>(name, this);
    task._enter(parentScope);
    task._beforeStarted = beforeStarted;
    task._fn = fn;
    task._args = args;
    this.live++;
    if (this.lastToStart !== undefined) {
      this.lastToStart._nextToStart = task;
    } else {
      // Starting is batched: one microtask starts every task queued until it runs.
      this.firstToStart = task;
      queueMicrotask(() => this.startBatch());
    }
    this.lastToStart = task;
    return task;
  }

  private throwClosed(method: string): never {
    throw new Error(`TaskGroup.${method}(): this task group is no longer active (it has exited)`);
  }

  private recordError(error: unknown, who: string): void {
    if (isCancelled(error)) {
      this.firstCancelled ??= error;
      return;
    }
    this.errors.push(error);
    const name = error instanceof Error ? error.name : typeof error;
    this.cancelScope.cancel(`${who} raised ${name}`);
  }

  private startBatch(): void {
    let task = this.firstToStart;
    this.firstToStart = this.lastToStart = undefined;
    while (task !== undefined) {
      const next = task._nextToStart;
      task._nextToStart = undefined;
      startingTask = task;
      try {
        runInContext(task, callStartingTask);
      } catch (error) {
        this._taskFailed(task, error);
      }
      task = next;
    }
  }

  /** @internal */
  _taskReturned(task: Task, value: unknown): void {
    if (task._beforeStarted?.(new Error(`${task.describe()} returned without calling status.started()`))) {
      task._end('failed', undefined);
    } else {
      task._end('finished', value);
    }
    this.taskEnded(task);
  }

  /** @internal */
  _taskFailed(task: Task, error: unknown): void {
    task._end('failed', error);
    if (task._beforeStarted?.(error)) {
      // Before `started()`, the error belongs to the caller of `start()` alone.
    } else if (isCancelled(error) && task.cancelCalled) {
      task._markCancelledCaught();
    } else {
      this.recordError(error, task.describe());
    }
    this.taskEnded(task);
  }

  private taskEnded(task: Task): void {
    task._beforeStarted = undefined;
    task._exit();
    if (--this.live === 0 && this.hostDone) {
      this.closed = true;
      this.wakeHost?.();
    }
  }
}

// The task that `callStartingTask` starts: a variable, not an argument, since every argument
// forwarded through `AsyncLocalStorage.run` costs an array per task.
let startingTask: Task | undefined;

// A task's body, run in the task's own context. No async frame and no closure per task: the two
// reactions that settle it are shared functions, and since a reaction runs in the context it was
// attached in, which is the task's, the current task tells them which task settled.
function callStartingTask(): void {
  const task = startingTask!;
  const fn = task._fn!;
  const args = task._args!;
  startingTask = task._fn = task._args = undefined;
  // eslint-disable-next-line @corral/no-leaked-tasks -- this is the task group: both reactions settle the task, neither throws, and the group counts it in `live`
  void Promise.resolve(fn(...args)).then(taskReturned, taskFailed);
}

function taskReturned(value: unknown): void {
  const task = currentContext().task;
  task._group!._taskReturned(task, value);
}

function taskFailed(error: unknown): void {
  const task = currentContext().task;
  task._group!._taskFailed(task, error);
}

/**
 * Runs `body(tg)` as the host of a new task group and returns its result once the body and every
 * task started in the group have finished. A failure in the body or in any task cancels the rest;
 * one error is thrown as itself, several as an `ExceptionGroup`. If the group's own `cancel()`
 * interrupted the body, the result is `undefined`.
 *
 * @example
 * ```ts
 * async function fetchData(id: number) {
 *   await sleep(100);
 *   console.log(`Fetched data for item ${id}`);
 * }
 * await withTaskGroup(async (tg) => {
 *   for (let i = 0; i < 3; i++) tg.startSoon(fetchData, i);
 * });
 * console.log('All data fetched!');
 * ```
 */
export function withTaskGroup<T>(body: (tg: TaskGroup) => Promise<T> | T): Promise<T> {
  const outer = currentContext();
  const scope = new CancelScope();
  scope._enter(outer.scope);
  return new TaskGroup(outer.task, scope)._runHost(body);
}
