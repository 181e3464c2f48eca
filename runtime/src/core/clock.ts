/**
 * Time for the runtime: a monotonic clock in milliseconds and one-shot timers against it. Every
 * sleep, deadline and timeout goes through the clock of the scope it runs in, so a virtual clock
 * (see `@corral/runtime/testing`) can replace real time for a whole run.
 */

import { performance } from 'node:perf_hooks';

/**
 * A cancellable one-shot timer.
 *
 * @example
 * ```ts
 * const timer = clock.setTimer(deadline, () => scope.cancel());
 * timer.cancel(); // the work finished first
 * ```
 */
export interface TimerHandle {
  /** Stops the timer; calling it after the timer fired does nothing. */
  cancel(): void;
}

/**
 * The source of time for a run. The runtime ships a real clock and `MockClock` in
 * `@corral/runtime/testing`; a custom clock implements these two methods.
 *
 * @example
 * ```ts
 * import { run } from '@corral/runtime';
 * import { MockClock } from '@corral/runtime/testing';
 * await run(main, { clock: new MockClock({ autojumpThreshold: 0 }) });
 * ```
 */
export interface Clock {
  /** The current time in milliseconds; never goes backwards. */
  now(): number;
  /**
   * Calls `callback` once the clock has reached `deadline`. A real timer may fire a little early
   * by the clock's reading; callers decide by the fact that the timer fired, never by comparing.
   */
  setTimer(deadline: number, callback: () => void): TimerHandle;
}

// Node's timers overflow past 2^31-1 ms (about 24.8 days); longer waits re-arm.
const MAX_TIMER_DELAY = 2_147_483_647;

let pendingRealTimers = 0;

/**
 * The number of real timers armed by the runtime that have neither fired nor been cancelled. A
 * test helper: after a timeout or a cancelled sleep, no timer should be left behind.
 *
 * @example
 * ```ts
 * import { pendingTimerCount } from '@corral/runtime/testing';
 * const before = pendingTimerCount();
 * await moveOnAfter(10, () => sleep(1000));
 * expect(pendingTimerCount()).toBe(before);
 * ```
 */
export function pendingTimerCount(): number {
  return pendingRealTimers;
}

class RealTimer implements TimerHandle {
  private handle: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly deadline: number,
    private readonly callback: () => void,
  ) {
    pendingRealTimers++;
    this.arm();
  }

  private arm(): void {
    const delay = Math.max(0, Math.min(MAX_TIMER_DELAY, this.deadline - performance.now()));
    this.handle = setTimeout(() => {
      if (delay === MAX_TIMER_DELAY && this.deadline - performance.now() > 1) {
        this.arm();
        return;
      }
      this.handle = undefined;
      pendingRealTimers--;
      this.callback();
    }, delay);
  }

  cancel(): void {
    if (this.handle === undefined) return;
    clearTimeout(this.handle);
    this.handle = undefined;
    pendingRealTimers--;
  }
}

/** The wall-independent monotonic clock of the platform (`performance.now()`). */
export const realClock: Clock = {
  now: () => performance.now(),
  setTimer: (deadline, callback) => new RealTimer(deadline, callback),
};
