// Corral: 10k tasks in one group, each borrowing a token of a CapacityLimiter(16) through its
// scoped callback form, as AnyIO's `async with limiter:` does.
import { CapacityLimiter, withTaskGroup } from '@corral/runtime';

/** The trivial work every task does (one await), shared with the tasks-only reference. */
export async function work(i) {
  await null;
  return i;
}

export async function setup({ tasks, limit }) {
  return {
    async iteration() {
      const limiter = new CapacityLimiter(limit);
      await withTaskGroup(async (tg) => {
        for (let i = 0; i < tasks; i++) tg.startSoon(() => limiter.run(() => work(i)));
      });
    },
  };
}
