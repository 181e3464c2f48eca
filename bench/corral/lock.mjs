// Corral: Lock through its scoped callback form, lock.run(fn), which cannot forget to release.
// Contending workers are tasks of one group (a Corral lock is owned by a task, so the workers must
// be distinct tasks); a single worker runs in the implicit root task.
import { Lock, withTaskGroup } from '@corral/runtime';

export async function setup({ ops, workers }) {
  const lock = new Lock();
  let counter = 0;
  const worker = async (n) => {
    for (let i = 0; i < n; i++) {
      await lock.run(() => {
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
