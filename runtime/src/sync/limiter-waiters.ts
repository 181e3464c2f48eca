/**
 * The kinds of borrower that wait in line for a token of a `CapacityLimiter`: a plain
 * `acquire()`, a `run(fn)` that calls `fn` once it is granted a token (here for the `'reaction'`
 * way; the other ways use `RunInLine`, as `Lock` and `Semaphore` do), and an operation that
 * carries on with the token where it is granted (a `toThread` call).
 */

import type { TaskContext } from '../core/context.js';
import { callThenRelease, type ReleasableFor } from './held.js';
import { type KeyedLine, LineWaiter } from './task-lines.js';

/** Anything in a limiter's line: the borrower it waits for, and how to hand it a token. */
export interface LimiterEntry {
  /** The borrower (usually the waiting task itself). */
  readonly borrower: unknown;
  /** The limiter, when it recorded the borrower as waiting in its line; none for a thread call. */
  readonly line: KeyedLine | undefined;
  readonly settled: boolean;
  /** Hands over the token reserved for this borrower; false if it had already settled. */
  grant(): boolean;
  /** Fails the wait with `error`; false if it had already settled. */
  fail(error: unknown): boolean;
}

/** A parked operation in a limiter's line, for the borrower it names. */
abstract class BorrowerWaiter extends LineWaiter<unknown> implements LimiterEntry {
  /** The borrower (usually the waiting task itself). */
  get borrower(): unknown {
    return this.key;
  }

  abstract grant(): boolean;
}

/** The owner of a {@link LimiterGrantHandler}: what it does once granted, or cancelled after. */
export interface GrantedInLine {
  /** Runs where the token is handed over; the operation stays parked. */
  granted(): void;
  /** The operation was cancelled while holding the token, which stays borrowed. */
  cancelledAfterGrant(): void;
}

/**
 * An operation that waits in line and, once granted, goes on without waking: its owner's
 * `granted()` runs where the token is handed over (in the turn of the code that gave one back)
 * and the operation stays parked until the owner settles it. For `toThread`, which posts the call
 * there, so a call that waited in line is one operation, and one promise, from its start to the
 * worker's answer.
 */
export class LimiterGrantHandler extends BorrowerWaiter {
  // Invariant: false while the entry waits in line; true once it holds a token.
  granted = false;

  constructor(
    context: TaskContext,
    onCancel: () => void,
    borrower: unknown,
    readonly owner: GrantedInLine,
  ) {
    // Not recorded as waiting: its borrower is the operation's own object, which waits once.
    super(context, onCancel, undefined, borrower);
  }

  grant(): boolean {
    if (this.settled) return false;
    this.granted = true;
    this.owner.granted();
    return true;
  }
}

/** An `acquire()` (or `acquireOnBehalfOf()`) waiting for a token: woken once granted. */
export class LimiterAcquire extends BorrowerWaiter {
  grant(): boolean {
    return this.wake(undefined);
  }
}

/**
 * A `run(fn)` waiting for a token, for the `'reaction'` way (see resume-way.ts). What `run()`
 * returns is a reaction to this operation's promise, registered at once, in the waiting task's
 * context: once granted, it calls `fn` there, on a later microtask, with no context to restore.
 */
export class LimiterRunAfterWake<R> extends BorrowerWaiter {
  constructor(
    context: TaskContext,
    onCancel: () => void,
    borrower: unknown,
    private readonly fn: () => PromiseLike<R> | R,
    limiter: ReleasableFor & KeyedLine,
  ) {
    // The limiter is kept once, as the line (thousands of these can wait at once).
    super(context, onCancel, limiter, borrower);
  }

  /** What `run()` returns: settles with `fn`'s outcome once granted, or rejects if cancelled. */
  result(): Promise<R> {
    return (this.promise as Promise<LimiterRunAfterWake<R>>).then(callGranted);
  }

  grant(): boolean {
    // Woken with itself (not thenable), for callGranted.
    return this.wake(this);
  }

  /** @internal Calls `fn` holding the token; gives it back when `fn` has ended. */
  _callHolding(): PromiseLike<R> | R {
    return callThenRelease(this.fn, this.line as ReleasableFor & KeyedLine, this.key);
  }
}

// One function for every granted LimiterRunAfterWake, so that waiting allocates no closure.
function callGranted<R>(entry: LimiterRunAfterWake<R>): PromiseLike<R> | R {
  return entry._callHolding();
}
