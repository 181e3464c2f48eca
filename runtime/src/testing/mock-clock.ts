import { performance } from 'node:perf_hooks';
import { setImmediate } from 'node:timers';
import type { Clock, TimerHandle } from '../core/clock.js';
import { activityCount } from '../core/scheduling.js';

/**
 * Options of {@link MockClock}.
 *
 * @example
 * ```ts
 * // Virtual time that jumps to the next timer as soon as every task is blocked.
 * await run(main, { clock: new MockClock({ start: 0, autojumpThreshold: 0 }) });
 * ```
 */
export interface MockClockOptions {
  /** The virtual time at creation, in milliseconds. Default: 0. */
  start?: number;
  /** How fast virtual time follows real time: 0 (the default) stops it, 1 runs it at real speed. */
  rate?: number;
  /**
   * When every task has been blocked for this many real milliseconds, jump virtual time to the
   * next timer. 0 jumps as soon as everything is blocked; `Infinity` (the default) never jumps.
   */
  autojumpThreshold?: number;
}

interface VirtualTimer extends TimerHandle {
  readonly deadline: number;
  readonly callback: () => void;
  cancelled: boolean;
}

/**
 * A virtual clock for tests (Trio's `MockClock`): every sleep, deadline and timeout of a run
 * given this clock happens in virtual time. With `autojumpThreshold: 0`, a test of a one-hour
 * timeout takes milliseconds: whenever all tasks are blocked, time jumps to the next deadline.
 *
 * @example
 * ```ts
 * import { run, sleep, currentTime } from '@corral/runtime';
 * import { MockClock } from '@corral/runtime/testing';
 *
 * await run(async () => {
 *   await sleep(3_600_000); // an hour, instantly
 *   console.log(currentTime()); // 3600000
 * }, { clock: new MockClock({ autojumpThreshold: 0 }) });
 * ```
 */
export class MockClock implements Clock {
  private base: number;
  private realBase = performance.now();
  private _rate: number;
  private _autojumpThreshold: number;
  // Invariant: sorted by deadline, ties in the order they were set; cancelled timers are removed.
  private readonly timers: VirtualTimer[] = [];
  private watching = false;
  private realTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: MockClockOptions = {}) {
    this.base = options.start ?? 0;
    this._rate = checkNonNegative('rate', options.rate ?? 0);
    this._autojumpThreshold = checkNonNegative('autojumpThreshold', options.autojumpThreshold ?? Infinity);
  }

  /** Virtual time in milliseconds. */
  now(): number {
    return this._rate === 0 ? this.base : this.base + (performance.now() - this.realBase) * this._rate;
  }

  /** How fast virtual time follows real time. Writable. */
  get rate(): number {
    return this._rate;
  }

  set rate(value: number) {
    this.rebase();
    this._rate = checkNonNegative('rate', value);
    this.armRealTimer();
  }

  /** See {@link MockClockOptions.autojumpThreshold}. Writable. */
  get autojumpThreshold(): number {
    return this._autojumpThreshold;
  }

  set autojumpThreshold(value: number) {
    this._autojumpThreshold = checkNonNegative('autojumpThreshold', value);
    this.watch();
  }

  /** Advances virtual time by `ms` and fires every timer that is then due. */
  jump(ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`MockClock.jump(ms) needs ms >= 0, got ${String(ms)}`);
    this.rebase();
    this.base += ms;
    this.fireDue();
  }

  /** The number of virtual timers waiting to fire. */
  get pendingTimers(): number {
    return this.timers.length;
  }

  setTimer(deadline: number, callback: () => void): TimerHandle {
    const timer: VirtualTimer = {
      deadline,
      callback,
      cancelled: false,
      cancel: () => {
        if (timer.cancelled) return;
        timer.cancelled = true;
        const index = this.timers.indexOf(timer);
        if (index >= 0) this.timers.splice(index, 1);
      },
    };
    let low = 0;
    let high = this.timers.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.timers[mid]!.deadline <= deadline) low = mid + 1;
      else high = mid;
    }
    this.timers.splice(low, 0, timer);
    this.watch();
    this.armRealTimer();
    return timer;
  }

  private rebase(): void {
    this.base = this.now();
    this.realBase = performance.now();
  }

  private fireDue(): void {
    const now = this.now();
    while (this.timers.length > 0 && this.timers[0]!.deadline <= now) {
      const timer = this.timers.shift()!;
      timer.cancelled = true;
      timer.callback();
    }
  }

  // With a rate above 0, virtual time passes on its own: a real timer fires the next deadline.
  private armRealTimer(): void {
    if (this.realTimer !== undefined) clearTimeout(this.realTimer);
    this.realTimer = undefined;
    const next = this.timers[0];
    if (this._rate === 0 || next === undefined) return;
    this.realTimer = setTimeout(() => {
      this.realTimer = undefined;
      this.fireDue();
      this.armRealTimer();
    }, Math.max(0, (next.deadline - this.now()) / this._rate));
  }

  // Autojump: after the threshold, if no task was woken and no checkpoint passed during one full
  // turn of the event loop, every task is blocked, so time jumps to the next deadline.
  private watch(): void {
    if (this.watching || this.timers.length === 0 || this._autojumpThreshold === Infinity) return;
    this.watching = true;
    setTimeout(() => {
      const before = activityCount();
      setImmediate(() => {
        setImmediate(() => {
          this.watching = false;
          const next = this.timers[0];
          if (next !== undefined && activityCount() === before && this._autojumpThreshold !== Infinity) {
            this.rebase();
            if (next.deadline > this.base) this.base = next.deadline;
            this.fireDue();
          }
          this.watch();
        });
      });
    }, this._autojumpThreshold);
  }
}

function checkNonNegative(name: string, value: number): number {
  if (typeof value !== 'number' || !(value >= 0)) {
    throw new RangeError(`MockClock: ${name} must be a number >= 0 (or Infinity), got ${String(value)}`);
  }
  return value;
}
