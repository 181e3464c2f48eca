import { run } from '../../src/index.js';
import { MockClock } from '../../src/testing.js';

/** Runs `fn` as a root task under a virtual clock that jumps whenever every task is blocked. */
export function inVirtualTime<T>(fn: () => Promise<T>): Promise<T> {
  return run(fn, { clock: new MockClock({ autojumpThreshold: 0 }), handleSignals: false });
}
