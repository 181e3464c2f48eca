// Corral: Semaphore through its scoped callback form, semaphore.run(fn); contending workers are
// tasks of one group.
import { Semaphore, withTaskGroup } from '@corral/runtime';

export async function setup({ ops, workers, value }) {
  const semaphore = new Semaphore(value);
  let counter = 0;
  const worker = async (n) => {
    for (let i = 0; i < n; i++) {
      await semaphore.run(() => {
        counter++;
      });
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
