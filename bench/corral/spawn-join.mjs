// Corral: one task group, 10k trivial tasks started with startSoon, joined when the group exits.
import { withTaskGroup } from '@corral/runtime';

async function trivialTask(i) {
  return i;
}

export async function setup({ tasks }) {
  return {
    async iteration() {
      await withTaskGroup(async (tg) => {
        for (let i = 0; i < tasks; i++) tg.startSoon(trivialTask, i);
      });
    },
  };
}
