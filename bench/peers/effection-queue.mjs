// Effection 4.1.1: createQueue, the single-subscription FIFO from its docs, read by a spawned
// consumer with `yield* queue.next()`. The queue is unbounded and `add` is synchronous; it keeps
// pending items in an array that it `unshift`s, so a producer that adds a million items before the
// consumer runs costs quadratic time. As with the other variants' buffer of 100, the producer
// therefore adds at most 100 items ahead of the consumer, which says (through a second queue)
// each time it has taken 100.
import { createQueue, run, spawn } from 'effection';

export async function setup({ items, buffer }) {
  return {
    async iteration() {
      const sum = await run(function* () {
        const queue = createQueue();
        const drained = createQueue();
        const consumer = yield* spawn(function* () {
          let total = 0;
          let taken = 0;
          let next = yield* queue.next();
          while (!next.done) {
            total += next.value;
            if (++taken % buffer === 0) drained.add(taken);
            next = yield* queue.next();
          }
          return total;
        });
        for (let i = 0; i < items; i++) {
          queue.add(i);
          if ((i + 1) % buffer === 0) yield* drained.next();
        }
        queue.close();
        return yield* consumer;
      });
      if (sum !== (items * (items - 1)) / 2) throw new Error(`lost items: sum ${sum}`);
    },
  };
}
