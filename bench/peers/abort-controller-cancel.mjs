// Native: 10k async functions sleeping on timers/promises' setTimeout with one AbortController's
// signal, cancelled by abort() and awaited with Promise.all, as Node's docs show for cancellable
// timers.
/* global AbortController */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

const anHour = 3_600_000;

async function sleeper(signal) {
  try {
    await sleep(anHour, undefined, { signal });
  } catch (error) {
    if (error.name !== 'AbortError') throw error;
  }
}

export async function setup({ tasks }) {
  return {
    async iteration() {
      const t0 = performance.now();
      const controller = new AbortController();
      const sleepers = [];
      for (let i = 0; i < tasks; i++) sleepers.push(sleeper(controller.signal));
      // Every sleeper has armed its timer synchronously; one turn lets them all reach their await.
      await Promise.resolve();
      const spawned = performance.now();
      controller.abort();
      await Promise.all(sleepers);
      const cancelled = performance.now();
      return { metrics: { spawn: spawned - t0, cancel: cancelled - spawned } };
    },
  };
}
