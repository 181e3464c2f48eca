// Effection 4.1.1: createQueue, the single-subscription FIFO from its docs. A spawned consumer
// reads with `yield* queue.next()`; the producer adds every item (adding is synchronous, the queue
// is unbounded) and closes it.
import { createQueue, run, spawn } from 'effection';

export async function setup({ items }) {
  return {
    async iteration() {
      const sum = await run(function* () {
        const queue = createQueue();
        const consumer = yield* spawn(function* () {
          let total = 0;
          let next = yield* queue.next();
          while (!next.done) {
            total += next.value;
            next = yield* queue.next();
          }
          return total;
        });
        for (let i = 0; i < items; i++) queue.add(i);
        queue.close();
        return yield* consumer;
      });
      if (sum !== (items * (items - 1)) / 2) throw new Error(`lost items: sum ${sum}`);
    },
  };
}
