// Corral, for reference: the same 10k tasks doing the same trivial await, with no limiter. What
// starting and joining the tasks costs on its own, so the page shows how much of the limiter
// scenario's time is the tasks and how much the limiter.
import { withTaskGroup } from '@corral/runtime';
import { work } from './capacity-limiter.mjs';

export async function setup({ tasks }) {
  return {
    async iteration() {
      await withTaskGroup(async (tg) => {
        for (let i = 0; i < tasks; i++) tg.startSoon(() => work(i));
      });
    },
  };
}
