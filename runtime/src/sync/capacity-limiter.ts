/**
 * CapacityLimiter: at most `totalTokens` borrowers at a time, each borrowing one token.
 */

import { AsyncResource } from 'node:async_hooks';
import { rejectIfCancelled } from '../core/checkpoint.js';
import { currentContext, type TaskContext } from '../core/context.js';
import { WouldBlock } from '../core/errors.js';
import type { Parked } from '../core/park.js';
import { Task } from '../core/task.js';
import { Held, type ReleasableFor, runHolding } from './held.js';
import { type GrantedInLine, LimiterAcquire, type LimiterEntry, LimiterGrantHandler, LimiterRunAfterWake } from './limiter-waiters.js';
import { RunInLine } from './run-in-line.js';
import { resumeWay } from './resume-way.js';
import { enterLine, type KeyedLine, leaveLine, waitsIn } from './task-lines.js';
import { afterUncontendedAcquire } from './uncontended.js';
import { WaitQueue } from './wait-queue.js';

/**
 * What {@link CapacityLimiter.statistics} reports.
 *
 * @example
 * ```ts
 * const { borrowedTokens, totalTokens, tasksWaiting } = limiter.statistics();
 * console.log(`${borrowedTokens}/${totalTokens} in use, ${tasksWaiting} waiting`);
 * ```
 */
export interface CapacityLimiterStatistics {
  /** How many tokens are borrowed. */
  readonly borrowedTokens: number;
  /** The limit. */
  readonly totalTokens: number;
  /** Who holds the tokens: a `TaskInfo` for a task, the object itself for another borrower. */
  readonly borrowers: readonly unknown[];
  /** How many borrowers wait for a token. */
  readonly tasksWaiting: number;
}

/**
 * Limits how many tasks (or other borrowers) do something at once. Each borrower holds at most
 * one token; by default the borrower is the current task. Borrowers wait in FIFO order, and a
 * released token goes directly to the next one. `totalTokens` can be changed at any time; raising
 * it lets waiting borrowers in at once. Can be created anywhere, before any task runs.
 *
 * @example
 * ```ts
 * const limiter = new CapacityLimiter(16); // at most 16 requests in flight
 * await withTaskGroup(async (tg) => {
 *   for (const url of urls) {
 *     tg.startSoon(async () => {
 *       await limiter.run(() => fetch(url, { signal: currentSignal() }));
 *     });
 *   }
 * });
 * ```
 */
export class CapacityLimiter implements ReleasableFor, KeyedLine {
  private total: number;
  // Invariant: `borrowers.size < total` implies `waiters.size === 0`: a freed token is handed
  // to the next waiter before it can be counted as available.
  private readonly borrowers = new Set<unknown>();
  // Invariant: a borrower has at most one entry here, and none while it holds a token. Each entry
  // whose `line` is this limiter has its borrower recorded as waiting (for a task, on the task,
  // see task-lines.ts; for another borrower, in `otherBorrowersWaiting`) until it is granted a
  // token or cancelled. (A thread call's entry is not recorded: its borrower waits only once.)
  private readonly waiters = new WaitQueue<LimiterEntry>();
  private otherBorrowersWaiting: Set<unknown> | undefined;

  /** `totalTokens` must be an integer >= 1, or `Infinity`. */
  constructor(totalTokens: number) {
    this.total = checkTotal(totalTokens);
  }

  /** The limit. Writable: raising it wakes waiting borrowers; lowering it takes effect as tokens come back. */
  get totalTokens(): number {
    return this.total;
  }

  set totalTokens(value: number) {
    this.total = checkTotal(value);
    this.admitWaiters();
  }

  /** How many tokens are borrowed now. */
  get borrowedTokens(): number {
    return this.borrowers.size;
  }

  /** How many tokens are free now (negative after lowering `totalTokens` below the borrowed count). */
  get availableTokens(): number {
    return this.total - this.borrowers.size;
  }

  /** Borrows a token for the current task (see {@link CapacityLimiter.acquireOnBehalfOf}). */
  acquire(): Promise<void> {
    const context = currentContext();
    return this.acquireFor(context.task, context);
  }

  /** Borrows a token for the current task without waiting, or throws `WouldBlock`. */
  acquireNowait(): void {
    this.acquireOnBehalfOfNowait(currentContext().task);
  }

  /**
   * Borrows a token for `borrower`, waiting in line when none is free. A checkpoint, like
   * {@link Lock.acquire}. Throws an `Error` if `borrower` already holds a token or is already
   * waiting for one (whether a token is free or not): a borrower holds at most one.
   */
  acquireOnBehalfOf(borrower: unknown): Promise<void> {
    return this.acquireFor(borrower, currentContext());
  }

  /**
   * Borrows a token for `borrower` without waiting, or throws `WouldBlock`. Throws an `Error` if
   * `borrower` already holds a token or is waiting for one.
   */
  acquireOnBehalfOfNowait(borrower: unknown): void {
    if (this.borrowers.has(borrower)) throw alreadyBorrowing(borrower);
    if (this.borrowers.size >= this.total) {
      if (this.isWaiting(borrower)) throw alreadyBorrowing(borrower);
      throw new WouldBlock(`CapacityLimiter: all ${this.total} tokens are borrowed`);
    }
    this.borrowers.add(borrower);
  }

  /** Gives back the current task's token. */
  release(): void {
    this.releaseOnBehalfOf(currentContext().task);
  }

  /** Gives back `borrower`'s token; it goes to the next waiting borrower, if any. */
  releaseOnBehalfOf(borrower: unknown): void {
    if (!this.borrowers.delete(borrower)) {
      throw new Error(`CapacityLimiter: ${describeBorrower(borrower)} is not holding any of this limiter's tokens`);
    }
    this.admitWaiters();
  }

  /**
   * Borrows a token for the current task and returns a {@link Held} that gives it back.
   *
   * @example
   * ```ts
   * {
   *   await using _token = await limiter.hold();
   *   await crawl(url);
   * }
   * ```
   */
  hold(): Promise<Held> {
    const borrower = currentContext().task;
    return this.acquireOnBehalfOf(borrower).then(() => new Held(this, borrower));
  }

  /**
   * Runs `fn` holding a token for the current task, and gives it back however `fn` ends.
   *
   * @example
   * ```ts
   * const body = await limiter.run(() => download(url));
   * ```
   */
  run<R>(fn: () => PromiseLike<R> | R): Promise<R> {
    const context = currentContext();
    const borrower = context.task;
    if (this.borrowers.size >= this.total && !this.borrowers.has(borrower)) {
      if (this.isWaiting(borrower)) return Promise.reject(alreadyBorrowing(borrower));
      // In line: one object waits, and calls `fn` itself once granted a token, in this task's
      // context, by whichever way is cheapest on this runtime (see resume-way.ts).
      const way = resumeWay();
      if (way !== 'reaction') {
        const resource = way === 'resource' ? new AsyncResource('CorralCapacityLimiterRun') : undefined;
        return this.waiters.join(new RunInLine(context, this.waiters.discard, fn, this, borrower, this, resource)).promise as Promise<R>;
      }
      return this.waiters.join(new LimiterRunAfterWake(context, this.waiters.discard, borrower, fn, this)).result();
    }
    return runHolding(this.acquireFor(borrower, context), fn, this, borrower);
  }

  /** @internal `borrower` has parked in line. */
  _enteredLine(borrower: unknown): void {
    if (borrower instanceof Task) enterLine(borrower, this);
    else (this.otherBorrowersWaiting ??= new Set()).add(borrower);
  }

  /** @internal `borrower`'s wait in line was cancelled. */
  _leftLine(borrower: unknown): void {
    if (borrower instanceof Task) leaveLine(borrower, this);
    else this.otherBorrowersWaiting?.delete(borrower);
  }

  /** @internal `releaseOnBehalfOf`, for `run()`. */
  _releaseFor(borrower: unknown): void {
    this.releaseOnBehalfOf(borrower);
  }

  /** The limit, who borrows, and how many wait. */
  statistics(): CapacityLimiterStatistics {
    return {
      borrowedTokens: this.borrowers.size,
      totalTokens: this.total,
      borrowers: [...this.borrowers].map((b) => (b instanceof Task ? b.info() : b)),
      tasksWaiting: this.waiters.size,
    };
  }

  /**
   * @internal Parks the task of `context` in line for a token for `borrower`, when none is free,
   * as an operation that goes on where the token is handed over: `owner.granted()` runs then,
   * and the operation stays parked until the owner settles it (see {@link LimiterGrantHandler}).
   * Cancelled while in line, it leaves the line; cancelled once granted, it calls
   * `owner.cancelledAfterGrant()`, and the token stays borrowed until the owner gives it back.
   * Returns the operation, settled already if the scope was cancelled.
   */
  _waitInLineFor(borrower: unknown, context: TaskContext, owner: GrantedInLine): Parked<unknown> {
    if (this.borrowers.has(borrower)) throw alreadyBorrowing(borrower);
    if (this.borrowers.size < this.total) throw new Error('CapacityLimiter._waitInLineFor: a token is free; take it with acquireOnBehalfOfNowait');
    const discard = this.waiters.discard;
    const entry: LimiterGrantHandler = new LimiterGrantHandler(
      context,
      () => (entry.granted ? owner.cancelledAfterGrant() : discard()),
      borrower,
      owner,
    );
    return this.waiters.join(entry);
  }

  // Borrows a token for `borrower` from the task of `context`: a free token is taken at once
  // (then a scheduling point that cannot raise), unless the scope is cancelled; otherwise the
  // task parks in line.
  private acquireFor(borrower: unknown, context: TaskContext): Promise<void> {
    const borrowers = this.borrowers;
    if (borrowers.has(borrower)) return Promise.reject(alreadyBorrowing(borrower));
    if (borrowers.size < this.total) {
      const cancelled = rejectIfCancelled(context.scope);
      if (cancelled !== undefined) return cancelled;
      borrowers.add(borrower);
      return afterUncontendedAcquire(false);
    }
    if (this.isWaiting(borrower)) return Promise.reject(alreadyBorrowing(borrower));
    return this.waiters.join(new LimiterAcquire(context, this.waiters.discard, this, borrower)).promise as Promise<void>;
  }

  private isWaiting(borrower: unknown): boolean {
    if (borrower instanceof Task) return waitsIn(borrower, this);
    return this.otherBorrowersWaiting !== undefined && this.otherBorrowersWaiting.has(borrower);
  }


  private admitWaiters(): void {
    while (this.borrowers.size < this.total) {
      const next = this.waiters.shift();
      if (next === undefined) return;
      const borrower = next.borrower;
      if (next.line !== undefined) this._leftLine(borrower);
      if (this.borrowers.has(borrower)) {
        // Cannot happen while the invariant above holds (a borrower in line is refused a second
        // token, and cannot take one without waiting while anyone waits); kept so that a broken
        // invariant fails the wait with a clear error instead of granting a second token.
        next.fail(alreadyBorrowing(borrower));
        continue;
      }
      // Reserved before the waiter runs, so nobody else can take this token meanwhile.
      this.borrowers.add(borrower);
      if (!next.grant()) this.borrowers.delete(borrower);
    }
  }
}

function checkTotal(value: number): number {
  if (typeof value !== 'number' || !(Number.isInteger(value) || value === Infinity)) {
    throw new TypeError(`CapacityLimiter: totalTokens must be an integer or Infinity, got ${String(value)}`);
  }
  if (value < 1) throw new RangeError(`CapacityLimiter: totalTokens must be >= 1, got ${value}`);
  return value;
}

function describeBorrower(borrower: unknown): string {
  if (borrower instanceof Task) return borrower.describe();
  if (typeof borrower === 'object' && borrower !== null) {
    const constructorName = (borrower as { constructor?: { name?: unknown } }).constructor?.name;
    return `a borrower of class ${typeof constructorName === 'string' ? constructorName : 'Object'}`;
  }
  return `borrower ${String(borrower)}`;
}

function alreadyBorrowing(borrower: unknown): Error {
  return new Error(
    `CapacityLimiter: ${describeBorrower(borrower)} is already holding one of this limiter's tokens or waiting for one (a borrower holds at most one)`,
  );
}
