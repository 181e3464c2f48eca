/**
 * Semaphore: a counter of tokens that tasks take and give back.
 */

import { rejectIfCancelled } from '../core/checkpoint.js';
import { currentContext } from '../core/context.js';
import { WouldBlock } from '../core/errors.js';
import { Parked } from '../core/park.js';
import { Held, type ReleasableFor, runHolding } from './held.js';
import { RunInLine } from './run-in-line.js';
import { resumeWay } from './resume-way.js';
import { afterUncontendedAcquire } from './uncontended.js';
import { WaitQueue } from './wait-queue.js';

/**
 * Options of {@link Semaphore}.
 *
 * @example
 * ```ts
 * const pool = new Semaphore(4, { maxValue: 4 });
 * await pool.acquire(); // value 3
 * pool.release(); // value 4 again
 * pool.release(); // throws: the value would exceed maxValue
 * ```
 */
export interface SemaphoreOptions {
  /** The highest value; releasing past it is an error. By default there is none. */
  maxValue?: number;
  /** Skip the scheduling point of an uncontended `acquire()` (cancellation is still checked). */
  fastAcquire?: boolean;
}

/**
 * What {@link Semaphore.statistics} reports.
 *
 * @example
 * ```ts
 * console.log(`${pool.statistics().tasksWaiting} tasks wait for a token`);
 * ```
 */
export interface SemaphoreStatistics {
  /** How many tasks are waiting for a token. */
  readonly tasksWaiting: number;
}

/**
 * A FIFO-fair semaphore: `acquire()` takes one of `value` tokens, waiting in line when there is
 * none; `release()` gives one back, handing it directly to the longest-waiting task (the token
 * is reserved for it, so an `acquireNowait()` in between cannot take it). Tokens have no owner:
 * any task may release. Can be created anywhere, before any task runs.
 *
 * @example
 * ```ts
 * const connections = new Semaphore(3); // at most three downloads at a time
 * async function download(url: string): Promise<string> {
 *   return connections.run(async () => (await fetch(url, { signal: currentSignal() })).text());
 * }
 * ```
 */
export class Semaphore implements ReleasableFor {
  // Invariant: `value > 0` implies `waiters.size === 0`: a released token goes to a waiter
  // when there is one, and only increments `value` when nobody waits.
  private _value: number;
  private readonly _maxValue: number | null;
  private readonly waiters = new WaitQueue<Parked<unknown>>();
  private readonly fastAcquire: boolean;

  constructor(initialValue: number, options: SemaphoreOptions = {}) {
    if (!Number.isInteger(initialValue) || initialValue < 0) {
      throw new RangeError(`Semaphore: initialValue must be a non-negative integer, got ${String(initialValue)}`);
    }
    const maxValue = options.maxValue;
    if (maxValue !== undefined) {
      if (!Number.isInteger(maxValue) || maxValue < 1) {
        throw new RangeError(`Semaphore: maxValue must be a positive integer, got ${String(maxValue)}`);
      }
      if (initialValue > maxValue) {
        throw new RangeError(`Semaphore: initialValue (${initialValue}) cannot exceed maxValue (${maxValue})`);
      }
    }
    this._value = initialValue;
    this._maxValue = maxValue ?? null;
    this.fastAcquire = options.fastAcquire ?? false;
  }

  /** How many tokens are free now. */
  get value(): number {
    return this._value;
  }

  /** The highest value, or `null` when unbounded. */
  get maxValue(): number | null {
    return this._maxValue;
  }

  /**
   * Takes a token, waiting in line when there is none. A checkpoint: raises `Cancelled` (without
   * a token) in a cancelled scope, and lets other tasks run even when a token is free (unless
   * `fastAcquire`).
   */
  acquire(): Promise<void> {
    const context = currentContext();
    if (this._value > 0) {
      const cancelled = rejectIfCancelled(context.scope);
      if (cancelled !== undefined) return cancelled;
      this._value--;
      return afterUncontendedAcquire(this.fastAcquire);
    }
    return this.waiters.join(new Parked<unknown>(context, this.waiters.discard)).promise as Promise<void>;
  }

  /** Takes a token if one is free, without waiting; otherwise throws `WouldBlock`. */
  acquireNowait(): void {
    if (this._value === 0) throw new WouldBlock('Semaphore.acquireNowait(): no token is free');
    this._value--;
  }

  /**
   * Gives a token back: to the longest-waiting task if any, otherwise to the pool. Throws an
   * `Error` when that would raise the value past `maxValue`.
   */
  release(): void {
    for (let next = this.waiters.shift(); next !== undefined; next = this.waiters.shift()) {
      if (next.wake(undefined)) return;
    }
    if (this._maxValue !== null && this._value >= this._maxValue) {
      throw new Error(`Semaphore.release(): released too many times (maxValue is ${this._maxValue})`);
    }
    this._value++;
  }

  /**
   * Takes a token and returns a {@link Held} that gives it back when disposed.
   *
   * @example
   * ```ts
   * {
   *   await using _token = await semaphore.hold();
   *   await work();
   * }
   * ```
   */
  hold(): Promise<Held> {
    return this.acquire().then(() => new Held(this, undefined));
  }

  /**
   * Runs `fn` holding a token, and gives it back however `fn` ends.
   *
   * @example
   * ```ts
   * const page = await semaphore.run(() => fetchPage(url));
   * ```
   */
  run<R>(fn: () => PromiseLike<R> | R): Promise<R> {
    if (this._value === 0 && resumeWay() === 'thenable') {
      // In line, where one object can wait and call `fn` itself (see run-in-line.ts).
      return this.waiters.join(new RunInLine(currentContext(), this.waiters.discard, fn, this, undefined, undefined)).promise as Promise<R>;
    }
    return runHolding(this.acquire(), fn, this, undefined);
  }

  /** @internal Tokens have no owner: `release()`. */
  _releaseFor(_holder: unknown): void {
    this.release();
  }

  /** How many tasks wait for a token. */
  statistics(): SemaphoreStatistics {
    return { tasksWaiting: this.waiters.size };
  }
}
