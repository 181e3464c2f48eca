/**
 * One `toThread` call as seen by the task that made it: it waits for the worker's answer and, in
 * the meantime, runs the functions the worker asks the event loop to run (`fromThread`), in this
 * task, so they are inside its cancel scopes.
 */

import type { CapacityLimiter } from '../sync/capacity-limiter.js';
import { isCancelled, type BrokenResourceError } from '../core/errors.js';
import { park, type Parked } from '../core/park.js';
import type { CallSink, PooledWorker } from './pooled-worker.js';
import type { CallbackRequest } from './protocol.js';
import { resolveFunction } from './thread-function.js';

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };
type Callback = CallbackRequest;

let nextCallId = 1;

/** @internal */
export class ThreadCall implements CallSink {
  readonly id = nextCallId++;
  private outcome: Outcome | undefined;
  // Made on the first callback: most calls never call back.
  private callbacks: Callback[] | undefined;
  private waiter: Parked<void> | undefined;
  private abandoned = false;
  private worker: PooledWorker | undefined;

  /** The limiter's token is borrowed in this call's name and given back when the worker is done. */
  constructor(private readonly limiter: CapacityLimiter) {}

  /** Queues the call on `worker`. */
  start(worker: PooledWorker, functionId: number, url: string, name: string, args: unknown[]): void {
    this.worker = worker;
    worker.post(this.id, functionId, url, name, args, this);
  }

  done(ok: boolean, valueOrError: unknown): void {
    this.limiter.releaseOnBehalfOf(this);
    this.outcome = ok ? { ok: true, value: valueOrError } : { ok: false, error: valueOrError };
    this.wake();
  }

  callback(message: Callback): void {
    if (this.abandoned) {
      this.refuse(message);
      return;
    }
    (this.callbacks ??= []).push(message);
    this.wake();
  }

  broken(error: BrokenResourceError): void {
    this.limiter.releaseOnBehalfOf(this);
    this.outcome = { ok: false, error };
    this.wake();
  }

  /**
   * Waits for the result, serving callbacks meanwhile. On cancellation the call is abandoned:
   * `Cancelled` is raised at once, the worker finishes the call and its result is dropped.
   */
  async result(): Promise<unknown> {
    try {
      for (;;) {
        const outcome = this.outcome;
        if (outcome !== undefined) {
          if (outcome.ok) return outcome.value;
          throw outcome.error;
        }
        const callback = this.callbacks?.shift();
        if (callback !== undefined) {
          await this.serve(callback);
          continue;
        }
        const op = park<void>(this.forgetWaiter);
        if (!op.settled) this.waiter = op;
        await op.promise;
      }
    } catch (error) {
      if (isCancelled(error) && this.outcome === undefined) this.abandon();
      throw error;
    }
  }

  private readonly forgetWaiter = (): void => {
    this.waiter = undefined;
  };

  private async serve(callback: Callback): Promise<void> {
    try {
      const fn = await resolveFunction(callback.url, callback.name);
      const value = await fn(...callback.args);
      this.worker!.reply(callback.sync, { replyId: callback.replyId, ok: true, value });
    } catch (error) {
      const sendable = isCancelled(error) ? new Error(`the event loop side was cancelled: ${(error as Error).message}`) : error;
      this.worker!.reply(callback.sync, { replyId: callback.replyId, ok: false, error: sendable });
      if (isCancelled(error)) throw error;
    }
  }

  private abandon(): void {
    this.abandoned = true;
    for (const callback of this.callbacks?.splice(0) ?? []) this.refuse(callback);
  }

  private refuse(callback: Callback): void {
    this.worker!.reply(callback.sync, {
      replyId: callback.replyId,
      ok: false,
      error: new Error('the toThread call that made this request was cancelled'),
    });
  }

  private wake(): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.wake(undefined);
  }
}
