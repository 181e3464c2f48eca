/**
 * ResourceGuard: detects, instead of queueing, two tasks using a one-user resource at once.
 */

import { currentContext } from '../core/context.js';
import { BusyResourceError } from '../core/errors.js';
import type { Task, TaskInfo } from '../core/task.js';
import { Held, type ReleasableFor } from './held.js';

/**
 * What {@link ResourceGuard.statistics} reports.
 *
 * @example
 * ```ts
 * if (guard.statistics().inUse) console.log('busy');
 * ```
 */
export interface ResourceGuardStatistics {
  /** Whether the resource is in use. */
  readonly inUse: boolean;
  /** The task using it, or `null`. */
  readonly user: TaskInfo | null;
  /** Always 0: nobody waits for a guard, a second user fails at once. */
  readonly tasksWaiting: number;
}

/**
 * Guards a resource that allows one user at a time (one task receiving from a stream, one task
 * sending): a second task that tries to use it while it is in use gets a `BusyResourceError`
 * at once, instead of interleaving or waiting. `action` completes the error's message: "Another
 * task is already <action> this resource". Can be created anywhere, before any task runs.
 *
 * @example
 * ```ts
 * class Connection {
 *   private readonly receiveGuard = new ResourceGuard('reading from');
 *   async receive(): Promise<Uint8Array> {
 *     using _guard = this.receiveGuard.hold();
 *     return await this.readChunk();
 *   }
 *   private async readChunk(): Promise<Uint8Array> {
 *     await sleep(1);
 *     return new Uint8Array();
 *   }
 * }
 * ```
 */
export class ResourceGuard implements ReleasableFor {
  /** The verb phrase used in the `BusyResourceError` message. */
  readonly action: string;
  private user: Task | undefined;

  constructor(action = 'using') {
    this.action = action;
  }

  /** Whether the resource is in use. */
  get inUse(): boolean {
    return this.user !== undefined;
  }

  /**
   * Marks the resource in use by the current task and returns a {@link Held} that frees it when
   * disposed. Throws `BusyResourceError` if it is already in use. Synchronous: works with both
   * `using` and `await using`.
   */
  hold(): Held {
    if (this.user !== undefined) {
      throw new BusyResourceError(`Another task is already ${this.action} this resource`);
    }
    const user = currentContext().task;
    this.user = user;
    return new Held(this, user);
  }

  /**
   * Runs `fn` with the resource marked in use, and frees it however `fn` ends. Throws
   * `BusyResourceError` (without calling `fn`) if it is already in use.
   *
   * @example
   * ```ts
   * const chunk = await guard.run(() => socket.receive());
   * ```
   */
  async run<R>(fn: () => PromiseLike<R> | R): Promise<R> {
    using _held = this.hold();
    return await fn();
  }

  /** @internal Frees the resource, which `user` was using (a {@link Held} releases once). */
  _releaseFor(_user: unknown): void {
    this.user = undefined;
  }

  /** Whether the resource is in use, and by whom. */
  statistics(): ResourceGuardStatistics {
    return { inUse: this.user !== undefined, user: this.user?.info() ?? null, tasksWaiting: 0 };
  }
}
