// Corral: Lock through acquire() and release() in try/finally, for comparison with the scoped form.
import { Lock, withTaskGroup } from '@corral/runtime';

export async function setup({ ops, workers }) {
  const lock = new Lock();
  let counter = 0;
  const worker = async (n) => {
    for (let i = 0; i < n; i++) {
      await lock.acquire();
      try {
        counter++;
      } finally {
        lock.release();
      }
    }
  };
  return {
    async iteration() {
      if (workers === 1) {
        await worker(ops);
      } else {
        await withTaskGroup(async (tg) => {
          for (let w = 0; w < workers; w++) tg.startSoon(worker, ops / workers);
        });
      }
      if (counter === -1) throw new Error('unreachable');
    },
  };
}
