/**
 * Every transform that `corral-migrate` knows, in the order the engine runs them. When two
 * transforms want to rewrite overlapping text, the one listed first wins and the other's site is
 * reported as a skip, so more specific rewrites come before more general ones.
 *
 * @example
 * ```ts
 * import { transforms } from './transforms/index.js';
 * console.log(transforms.map((t) => t.name));
 * ```
 */
import type { Transform } from '../transform.js';
import { abortTimeoutToMoveOnAfter } from './abort-timeout-to-move-on-after.js';
import { asyncMutexToLock } from './async-mutex-to-lock.js';
import { fireAndForgetToStartSoon } from './fire-and-forget-to-start-soon.js';
import { pLimitToCapacityLimiter } from './p-limit-to-capacity-limiter.js';
import { promiseAllSettledToGatherSettled } from './promise-all-settled-to-gather-settled.js';
import { promiseAllToGather } from './promise-all-to-gather.js';
import { promiseRaceToRace } from './promise-race-to-race.js';
import { raceTimeoutToFailAfter } from './race-timeout-to-fail-after.js';
import { timerSleepToSleep } from './timer-sleep-to-sleep.js';

/**
 * The registered transforms, in run order.
 *
 * @example
 * ```ts
 * const names = transforms.map((transform) => transform.name);
 * ```
 */
export const transforms: readonly Transform[] = [
  raceTimeoutToFailAfter,
  promiseRaceToRace,
  promiseAllToGather,
  promiseAllSettledToGatherSettled,
  timerSleepToSleep,
  abortTimeoutToMoveOnAfter,
  asyncMutexToLock,
  pLimitToCapacityLimiter,
  // Last: it wraps whole function bodies, so the rewrites inside them must settle first.
  fireAndForgetToStartSoon,
];
