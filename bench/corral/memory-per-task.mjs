// Corral: live heap held by 10k tasks parked in sleep(), measured after a full collection.
import { sleep, withTaskGroup } from '@corral/runtime';
import { canCollect, liveHeapBytes } from '../lib/gc.mjs';

const anHour = 3_600_000;

export async function setup({ tasks }) {
  if (!canCollect()) throw new Error('memory-per-task needs a forced garbage collection');
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
      const before = liveHeapBytes();
      let after = 0;
      await withTaskGroup(async (tg) => {
        for (let i = 0; i < tasks; i++) tg.startSoon(sleeper);
        await allStarted;
        after = liveHeapBytes();
        tg.cancel();
      });
      return { metrics: { bytes: after - before } };
    },
  };
}
