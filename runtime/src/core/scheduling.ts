/**
 * Scheduling points. A checkpoint lets every other ready task run; every so often it also lets
 * the event loop's macrotask queue run (timers, I/O callbacks), so a task that loops on
 * checkpoints cannot starve timers and sockets (principle 6 of the API contract).
 */

import { setImmediate } from 'node:timers';

// Every this many scheduling points, yield to the macrotask queue instead of one microtask.
// Large enough that a tight loop of checkpoints stays fast, small enough that timers and I/O
// are served within a fraction of a millisecond of such a loop.
const MACROTASK_EVERY = 128;

let sinceMacrotask = 0;
let activity = 0;

/** @internal Counts wake-ups and scheduling points; the virtual clock watches it to autojump. */
export function noteActivity(): void {
  activity++;
}

/** @internal */
export function activityCount(): number {
  return activity;
}

const resolvedMicrotask: Promise<void> = Promise.resolve();

/** One trip through the macrotask queue: timers and I/O callbacks that are due run first. */
export function macrotaskYield(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** @internal Yields: usually one microtask turn, every {@link MACROTASK_EVERY}th a macrotask. */
export function schedulingPoint(): Promise<void> {
  activity++;
  if (++sinceMacrotask >= MACROTASK_EVERY) {
    sinceMacrotask = 0;
    return macrotaskYield();
  }
  return resolvedMicrotask;
}

/**
 * @internal A promise of `value` that settles after a scheduling point: usually an
 * already-resolved promise (one microtask turn for whoever awaits it, and one promise in all),
 * every {@link MACROTASK_EVERY}th time after a macrotask. For operations that completed
 * synchronously (an item taken from a buffer) and must still let other tasks run.
 */
export function resolveAfterSchedulingPoint<T>(value: T): Promise<T> {
  activity++;
  if (++sinceMacrotask >= MACROTASK_EVERY) {
    sinceMacrotask = 0;
    return macrotaskYield().then(() => value);
  }
  return Promise.resolve(value);
}
