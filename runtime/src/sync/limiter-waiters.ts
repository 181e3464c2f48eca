/**
 * The two kinds of borrower that wait in line for a token of a `CapacityLimiter`: a plain
 * `acquire()`, and a `run(fn)` that calls `fn` itself once it is granted a token.
 */

import { type TaskContext, runInContext } from '../core/context.js';
import { Parked } from '../core/park.js';
import { isPromiseLike, type ReleasableFor } from './held.js';

/** Anything in a limiter's line: the borrower it waits for, and how to hand it a token. */
export abstract class LimiterEntry extends Parked<unknown> {
  constructor(
    context: TaskContext,
    onCancel: () => void,
    /** The borrower (usually the waiting task itself). */
    readonly borrower: unknown,
  ) {
    super(context, onCancel);
  }

  /** Hands over the token reserved for this borrower; false if it had already settled. */
  abstract grant(): boolean;
}

/** An `acquire()` (or `acquireOnBehalfOf()`) waiting for a token: woken once granted. */
export class LimiterAcquire extends LimiterEntry {
  grant(): boolean {
    return this.wake(undefined);
  }
}

const RESOLVED: Promise<void> = Promise.resolve();

/**
 * A `run(fn)` waiting for a token. Its promise is the one `run()` returned: once granted, it
 * calls `fn` itself, in its task's context, on a later microtask, and settles with `fn`'s
 * outcome after giving the token back. A limiter often has thousands of tasks parked at once
 * (one per job it gates), and each then holds this one object and its promise, not a second
 * promise and an async function waiting for the first.
 */
export class LimiterRun<R> extends LimiterEntry {
  constructor(
    private readonly context: TaskContext,
    onCancel: () => void,
    borrower: unknown,
    private readonly fn: () => PromiseLike<R> | R,
    private readonly limiter: ReleasableFor,
  ) {
    super(context, onCancel, borrower);
  }

  grant(): boolean {
    if (!this.claim()) return false;
    // The token is this task's from now on; `fn` runs after a scheduling point, as after any
    // wait, and in its own task's context, not in the one of the task that gave the token back.
    // eslint-disable-next-line @corral/no-leaked-tasks -- runHolding never throws: it settles this operation's promise, which run()'s caller awaits
    void RESOLVED.then(() => runInContext(this.context, () => this.runHolding()));
    return true;
  }

  // Calls `fn` holding the token, then gives it back and settles. Never throws.
  private runHolding(): void {
    let result: PromiseLike<R> | R;
    try {
      result = this.fn();
    } catch (error) {
      this.finish(false, error);
      return;
    }
    if (!isPromiseLike(result)) {
      this.finish(true, result);
      return;
    }
    // eslint-disable-next-line @corral/no-leaked-tasks -- finish() never throws: it settles this operation's promise, which run()'s caller awaits
    void Promise.resolve(result).then(
      (value) => this.finish(true, value),
      (error: unknown) => this.finish(false, error),
    );
  }

  // Gives the token back, then settles with `fn`'s outcome; an error from giving it back (the
  // callback released the token itself) replaces that outcome, as in every `run(fn)`.
  private finish(succeeded: boolean, outcome: unknown): void {
    try {
      this.limiter._releaseFor(this.borrower);
    } catch (error) {
      this.rejectClaimed(error);
      return;
    }
    if (succeeded) this.resolveClaimed(outcome);
    else this.rejectClaimed(outcome);
  }
}
