/**
 * Scheduling points. A checkpoint lets every other ready task run; every so often it also lets
 * the event loop's macrotask queue run (timers, I/O callbacks), so a task that loops on
 * checkpoints cannot starve timers and sockets (principle 6 of the API contract).
 */

import { setImmediate } from 'node:timers';

// A macrotask yield is due once both of these have passed since the last one: this many
// scheduling points, and this many milliseconds. The count keeps the clock off the hot path (it
// is read once every MACROTASK_EVERY points); the time keeps a tight loop of cheap checkpoints
// (a memory stream moving millions of items) from paying for a trip through the event loop
// every few microseconds, while timers and I/O are still served within a fraction of a
// millisecond. A loop whose iterations are slow yields every MACROTASK_EVERY points, as before.
const MACROTASK_EVERY = 128;
const MACROTASK_INTERVAL_MS = 0.25;

let sinceMacrotask = 0;
let lastMacrotaskAt = 0;
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

// Whether this scheduling point must go through the macrotask queue (see MACROTASK_EVERY).
function macrotaskDue(): boolean {
  if (++sinceMacrotask < MACROTASK_EVERY) return false;
  sinceMacrotask = 0;
  const now = performance.now();
  if (now - lastMacrotaskAt < MACROTASK_INTERVAL_MS) return false;
  lastMacrotaskAt = now;
  return true;
}

/**
 * @internal Yields: usually one microtask turn; a macrotask once {@link MACROTASK_EVERY} points
 * and {@link MACROTASK_INTERVAL_MS} have passed since the last one.
 */
export function schedulingPoint(): Promise<void> {
  activity++;
  return macrotaskDue() ? macrotaskYield() : resolvedMicrotask;
}

/**
 * @internal A promise of `value` that settles after a scheduling point: usually an
 * already-resolved promise (one microtask turn for whoever awaits it, and one promise in all),
 * after a macrotask when one is due. For operations that completed synchronously (an item taken
 * from a buffer) and must still let other tasks run.
 */
export function resolveAfterSchedulingPoint<T>(value: T): Promise<T> {
  activity++;
  return macrotaskDue() ? macrotaskYield().then(() => value) : Promise.resolve(value);
}
