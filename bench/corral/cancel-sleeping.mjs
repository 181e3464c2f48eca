// Corral: start 10k tasks that sleep for an hour, then cancel the group. Times both phases of one
// iteration: spawning (until every task is parked in its sleep) and cancelling (from tg.cancel()
// until the group has returned).
import { performance } from 'node:perf_hooks';
import { sleep, withTaskGroup } from '@corral/runtime';

const anHour = 3_600_000;

export async function setup({ tasks }) {
  return {
    async iteration() {
      let started = 0;
      let everyoneSleeping;
      const allStarted = new Promise((resolve) => {
        everyoneSleeping = resolve;
      });
      async function sleeper() {
        if (++started === tasks) everyoneSleeping();
        await sleep(anHour);
      }
      let spawned = 0;
      const t0 = performance.now();
      await withTaskGroup(async (tg) => {
        for (let i = 0; i < tasks; i++) tg.startSoon(sleeper);
        await allStarted;
        spawned = performance.now();
        tg.cancel();
      });
      const cancelled = performance.now();
      return { metrics: { spawn: spawned - t0, cancel: cancelled - spawned } };
    },
  };
}
