/**
 * Tasks: the unit of concurrency. A task is one async function started in a task group; the
 * handle that `startSoon` returns is the task itself, seen through {@link TaskHandle}.
 */

import { CancelScope } from './cancel-scope.js';
import { checkpoint } from './checkpoint.js';
import { realClock } from './clock.js';
import { installImplicitRootFactory } from './context.js';
import { isCancelled } from './errors.js';
import { park, type Parked } from './park.js';
import type { TaskGroup } from './task-group.js';

/**
 * What introspection tells about a task.
 *
 * @example
 * ```ts
 * const me: TaskInfo = getCurrentTask();
 * for (const info of getRunningTasks()) if (info.parentId === me.id) console.log(info.id, info.name);
 * ```
 */
export interface TaskInfo {
  /** Unique among the tasks of this process. */
  readonly id: number;
  /** The id of the task that started this one's group; `null` for a root task. */
  readonly parentId: number | null;
  /** The name given when the task was started (by default, the function's name). */
  readonly name: string;
}

/**
 * Where a task is in its life.
 *
 * @example
 * ```ts
 * const handle = tg.startSoon(work);
 * // ... later, in the same group:
 * const state: TaskState = handle.status;
 * if (state === 'failed' || state === 'cancelled') console.log(`${handle.name} did not finish`);
 * ```
 */
export type TaskState = 'pending' | 'cancelling' | 'finished' | 'cancelled' | 'failed';

/**
 * A task started with `tg.startSoon`. Not a Promise and not thenable: ignoring it leaks nothing,
 * because the group waits for the task anyway.
 *
 * @example
 * ```ts
 * await withTaskGroup(async (tg) => {
 *   const handle = tg.startSoon(fetchData, 1);
 *   console.log(handle.name, handle.status); // 'fetchData' 'pending'
 *   const data = await handle.result();
 * });
 * ```
 */
export interface TaskHandle<R> {
  /** The task's name. */
  readonly name: string;
  /** `'pending'` until it ends; `'cancelling'` between `cancel()` and the end. */
  readonly status: TaskState;
  /** Cancels this task alone (its own cancel scope), not its siblings. */
  cancel(reason?: string): void;
  /** Resolves when the task has ended, whatever the outcome. A checkpoint. */
  wait(): Promise<void>;
  /**
   * The task's return value. Rejects with an `Error` saying the task failed (the task's error as
   * `cause`) or was cancelled; the original error still propagates through the group.
   */
  result(): Promise<R>;
}

/**
 * A running or finished task. @internal Users see it as {@link TaskHandle} and {@link TaskInfo}.
 *
 * A task is also its own cancel scope (the one `cancel()` cancels, inside its group's scope), so
 * starting a task allocates one object, not two; its `id` is the scope's, unique among tasks.
 */
export class Task<R = unknown> extends CancelScope implements TaskHandle<R>, TaskInfo {
  /** @internal How many parked operations (and child-waits) this task is blocked on. */
  _blocked = 0;
  /** @internal The lock-like primitives whose line this task waits in (see sync/task-lines.ts). */
  _waitsIn: object | undefined = undefined;
  private _status: TaskState = 'pending';
  // The return value once finished, the error once failed or cancelled.
  private outcome: unknown = undefined;
  private waiters: Parked<void>[] | undefined = undefined;
  // What the group calls when it starts the task, and the next task of its start batch; all
  // three are cleared when the task starts, so a running task retains none of them.
  /** @internal */ _fn: ((...args: unknown[]) => unknown) | undefined = undefined;
  /** @internal */ _args: unknown[] | undefined = undefined;
  /** @internal */ _nextToStart: Task | undefined = undefined;
  /** @internal The group the task runs in, which settles it when its function's promise does. */
  _group: TaskGroup | undefined = undefined;
  /** @internal For `start()`: hands an error raised before `started()` to its caller. */
  _beforeStarted: ((error: unknown) => boolean) | undefined = undefined;
  /**
   * @internal A task is the implicit context of its own body (`TaskContext`): `task` and
   * `scope` are itself, so starting a task allocates no separate context object.
   */
  get task(): Task {
    return this;
  }

  /** @internal */
  get scope(): CancelScope {
    return this;
  }

  // The task's name, or until someone asks for it, the function it is named after: reading a
  // function's `name` costs more than the rest of a task's start, and most names are never read.
  private _name: string | { name: string };

  /**
   * @param name The name, or the function to name the task after (see {@link named}).
   * @param group The group the task runs in; none for a root task.
   */
  constructor(name: string | { name: string }, group: TaskGroup | undefined) {
    super();
    this._name = name;
    this._group = group;
  }

  /** The id of the task that started this one's group; `null` for a root task. */
  get parentId(): number | null {
    return this._group?._host.id ?? null;
  }

  /** The name given when the task was started (by default, the function's name). */
  get name(): string {
    const name = this._name;
    return typeof name === 'string' ? name : (this._name = taskNameOf(name));
  }

  get status(): TaskState {
    return this._status;
  }

  /** @internal `"name" (task 3)`, for messages. */
  describe(): string {
    return `task "${this.name}" (id ${this.id})`;
  }

  /** A plain-object snapshot, for introspection. */
  info(): TaskInfo {
    return { id: this.id, parentId: this.parentId, name: this.name };
  }

  override cancel(reason?: string): void {
    if (this._status !== 'pending') return;
    this._status = 'cancelling';
    super.cancel(reason);
  }

  get ended(): boolean {
    return this._status === 'finished' || this._status === 'failed' || this._status === 'cancelled';
  }

  async wait(): Promise<void> {
    if (this.ended) return checkpoint();
    const op = park<void>(() => {
      const list = this.waiters;
      if (list !== undefined) list.splice(list.indexOf(op), 1);
    });
    if (!op.settled) (this.waiters ??= []).push(op);
    return op.promise;
  }

  async result(): Promise<R> {
    await this.wait();
    if (this._status === 'finished') return this.outcome as R;
    if (this._status === 'cancelled') {
      throw new Error(`${this.describe()} was cancelled`, { cause: this.outcome });
    }
    throw new Error(`${this.describe()} failed`, { cause: this.outcome });
  }

  /** @internal Records the outcome and wakes everything waiting for it. */
  _end(outcome: 'finished' | 'failed', valueOrError: unknown): void {
    if (outcome === 'finished') {
      this._status = 'finished';
      this.outcome = valueOrError;
    } else if (isCancelled(valueOrError)) {
      this._status = 'cancelled';
      this.outcome = valueOrError;
    } else {
      this._status = 'failed';
      this.outcome = valueOrError;
    }
    const waiters = this.waiters;
    this.waiters = undefined;
    if (waiters !== undefined) for (const op of waiters) op.wake(undefined);
  }
}

// The roots of the scope trees: the tasks of `run()` calls, and the implicit root once made.
// Every live task is an active scope, so it is in one of these trees from its start to its end.
const roots = new Set<Task>();
let implicitRootTask: Task | undefined;

/** @internal Lists the root task of a `run()` for introspection, from its start to its end. */
export function registerRoot(task: Task): void {
  roots.add(task);
}

/** @internal */
export function unregisterRoot(task: Task): void {
  roots.delete(task);
}

/**
 * @internal The tasks that are running now, in start order (ids grow with every start). Walks
 * the scope trees, so starting a task has no list of its own to maintain.
 */
export function liveTaskList(): Task[] {
  const tasks: Task[] = [];
  const pending: CancelScope[] = [...roots];
  for (let scope = pending.pop(); scope !== undefined; scope = pending.pop()) {
    if (scope instanceof Task && scope !== implicitRootTask) tasks.push(scope);
    for (let child = scope._firstChild; child !== undefined; child = child._nextSibling) pending.push(child);
  }
  return tasks.sort((a, b) => a.id - b.id);
}

installImplicitRootFactory(() => {
  const root = new Task('<root>', undefined);
  root._enter(undefined, realClock);
  // Its tree holds the tasks started from plain code; the root itself is not listed.
  implicitRootTask = root;
  roots.add(root);
  return root;
});

const TASK_NAME = Symbol.for('@corral/runtime.task-name');

/**
 * Gives a function a task name: `tg.startSoon(named('poller', poll), url)` starts a task called
 * `'poller'`. Without it, a task is named after its function (`fn.name`), or `'anonymous'`.
 *
 * @example
 * ```ts
 * for (const url of urls) tg.startSoon(named(`fetch ${url}`, fetchPage), url);
 * ```
 */
export function named<F extends (...args: never[]) => unknown>(name: string, fn: F): F {
  const wrapper = ((...args: Parameters<F>) => fn(...args)) as F;
  Object.defineProperty(wrapper, TASK_NAME, { value: name });
  Object.defineProperty(wrapper, 'name', { value: name });
  return wrapper;
}

/** The name a task started with `fn` gets. */
function taskNameOf(fn: { name: string }): string {
  const explicit = (fn as { [TASK_NAME]?: string })[TASK_NAME];
  return explicit ?? (fn.name === '' ? 'anonymous' : fn.name);
}
