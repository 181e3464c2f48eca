/**
 * One `toThread` call as seen by the task that made it: it waits for the worker's answer and, in
 * the meantime, runs the functions the worker asks the event loop to run (`fromThread`), in this
 * task, so they are inside its cancel scopes.
 */

import type { CapacityLimiter } from '../sync/capacity-limiter.js';
import type { GrantedInLine } from '../sync/limiter-waiters.js';
import { isCancelled, type BrokenResourceError } from '../core/errors.js';
import { currentContext, runInContext, type TaskContext } from '../core/context.js';
import { park, type Parked } from '../core/park.js';
import type { CallSink, PooledWorker } from './pooled-worker.js';
import { sharedPool } from './worker-pool.js';
import type { CallbackRequest } from './protocol.js';
import { resolveFunction } from './thread-function.js';

type Callback = CallbackRequest;

let nextCallId = 1;

/** The function a call runs: its id in messages, and where a worker finds it. */
export interface CalledFunction {
  readonly id: number;
  readonly url: string;
  readonly name: string;
}

/** @internal */
export class ThreadCall implements CallSink, GrantedInLine {
  readonly id = nextCallId++;
  // Invariant: the operation the calling task waits on for the result, from the moment the call
  // is posted until it settles; then, while the task serves callbacks, that wait's, if any.
  private op: Parked<unknown> | undefined;
  // Set when the call ends; read by the loop that serves callbacks (no operation waits then).
  private ended = false;
  private endedOk = false;
  private endValue: unknown = undefined;
  // Made on the first callback: most calls never call back.
  private callbacks: Callback[] | undefined;
  private abandoned = false;
  // Whether the calling task has started serving callbacks (then `op` is that loop's wait).
  private serving = false;
  private worker: PooledWorker | undefined;
  // The calling task's context, where callbacks run.
  private context: TaskContext | undefined;

  /** The limiter's token is borrowed in this call's name and given back when the worker is done. */
  constructor(
    private readonly limiter: CapacityLimiter,
    private readonly fn: CalledFunction,
    private readonly args: unknown[],
  ) {}

  /**
   * Runs the call for the current task: waits for a token, posts the call, and resolves with its
   * result. Not an async function: while it waits for a token (with many calls in flight, most
   * calls do), a call holds this object and one parked operation, and no frame.
   */
  run(): Promise<unknown> {
    const limiter = this.limiter;
    if (limiter.availableTokens > 0) {
      // A free token means nobody waits for one (a freed token goes to a waiter first), so it is
      // taken at once and the call posted in this same turn, with no scheduling point of its
      // own: the wait for the worker's answer is the call's checkpoint (it lets other tasks run,
      // and fails at once in a cancelled scope, giving the token back).
      limiter.acquireOnBehalfOfNowait(this);
      return this.start();
    }
    // In line, the call is one operation from now to the worker's answer: granted a token, it
    // is posted where the token was given back, and tokens come back a batch of results at a
    // time, so the calls they admit go out together.
    const context = currentContext();
    const op = limiter._waitInLineFor(this, context, this);
    if (!op.settled) {
      this.op = op;
      this.context = context;
    }
    return op.promise;
  }

  // Posts the call at once (not batched) with a token just taken, in the calling task.
  private start(): Promise<unknown> {
    const context = currentContext();
    const op = park<unknown>(() => this.abandon(), context);
    if (op.settled) {
      // Cancelled before anything was posted: the token goes back.
      this.limiter.releaseOnBehalfOf(this);
      return op.promise;
    }
    this.op = op;
    this.context = context;
    this.post(false);
    return op.promise;
  }

  /** @internal Granted a token in line (see CapacityLimiter._waitInLineFor): posts the call. */
  granted(): void {
    this.post(true);
  }

  /** @internal Cancelled in line once granted: the call is posted, so it is abandoned. */
  cancelledAfterGrant(): void {
    this.abandon();
  }

  // Posts the call, holding a token; `this.op` waits for the answer.
  private post(batched: boolean): void {
    try {
      this.worker = sharedPool().pick();
      this.worker.post(this.id, this.fn.id, this.fn.url, this.fn.name, this.args, this, batched);
    } catch (error) {
      this.limiter.releaseOnBehalfOf(this);
      this.finish(false, error);
    }
  }

  done(ok: boolean, valueOrError: unknown): void {
    this.limiter.releaseOnBehalfOf(this);
    this.finish(ok, valueOrError);
  }

  callback(message: Callback): void {
    if (this.abandoned) {
      this.refuse(message);
      return;
    }
    (this.callbacks ??= []).push(message);
    const op = this.op;
    if (op === undefined || this.ended) return;
    this.op = undefined;
    if (this.serving) {
      op.wake(undefined);
      return;
    }
    // The first callback: the task's wait for the result becomes a loop that serves callbacks
    // until the result comes, run in the task's own context (its cancel scopes apply).
    this.serving = true;
    op.wake(runInContext(this.context!, () => this.serveUntilDone()));
  }

  broken(error: BrokenResourceError): void {
    this.limiter.releaseOnBehalfOf(this);
    this.finish(false, error);
  }

  private finish(ok: boolean, valueOrError: unknown): void {
    this.ended = true;
    this.endedOk = ok;
    this.endValue = valueOrError;
    const op = this.op;
    this.op = undefined;
    if (op === undefined) return;
    if (ok) op.wake(valueOrError);
    else op.fail(valueOrError);
  }

  /**
   * Serves the worker's callbacks in the calling task (so they are inside its cancel scopes)
   * until the call ends. On cancellation the call is abandoned: `Cancelled` is raised at once,
   * the worker finishes the call and its result is dropped.
   */
  private async serveUntilDone(): Promise<unknown> {
    try {
      for (;;) {
        if (this.ended) {
          if (this.endedOk) return this.endValue;
          throw this.endValue;
        }
        const callback = this.callbacks?.shift();
        if (callback !== undefined) {
          await this.serve(callback);
          continue;
        }
        const op = park<unknown>(() => {
          this.op = undefined;
        });
        if (!op.settled) this.op = op;
        await op.promise;
      }
    } catch (error) {
      if (isCancelled(error) && !this.ended) this.abandon();
      throw error;
    }
  }

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

  // The calling task was cancelled: its result will be dropped, and callbacks are refused.
  private abandon(): void {
    this.op = undefined;
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
}
