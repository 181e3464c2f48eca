// The floor for a parked task: a bare pending promise with its timer, nothing else.
import { canCollect, liveHeapBytes } from '../lib/gc.mjs';

const anHour = 3_600_000;

export async function setup({ tasks }) {
  if (!canCollect()) throw new Error('memory-per-task needs a forced garbage collection');
  return {
    async iteration() {
      const before = liveHeapBytes();
      // Each timer holds its promise's resolve function, and so the promise: the array of timers
      // (needed to clear them) is all that is kept.
      const timers = [];
      for (let i = 0; i < tasks; i++) {
        void new Promise((resolve) => {
          timers.push(setTimeout(resolve, anHour));
        });
      }
      const after = liveHeapBytes();
      for (const timer of timers) clearTimeout(timer);
      return { metrics: { bytes: after - before } };
    },
  };
}
