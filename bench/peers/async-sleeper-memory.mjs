// Native tasks for comparison: async functions parked in timers/promises' setTimeout with an
// AbortSignal, the usual way to write a cancellable sleeping task without a library.
/* global AbortController */
import { setTimeout as sleep } from 'node:timers/promises';
import { canCollect, liveHeapBytes } from '../lib/gc.mjs';

const anHour = 3_600_000;

async function sleeper(signal) {
  try {
    await sleep(anHour, undefined, { signal });
  } catch (error) {
    if (error.name !== 'AbortError') throw error;
  }
}

export async function setup({ tasks }) {
  if (!canCollect()) throw new Error('memory-per-task needs a forced garbage collection');
  return {
    async iteration() {
      const before = liveHeapBytes();
      const controller = new AbortController();
      const sleepers = [];
      for (let i = 0; i < tasks; i++) sleepers.push(sleeper(controller.signal));
      await Promise.resolve();
      const after = liveHeapBytes();
      controller.abort();
      await Promise.all(sleepers);
      return { metrics: { bytes: after - before } };
    },
  };
}
