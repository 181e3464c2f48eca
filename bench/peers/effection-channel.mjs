// Effection 4.1.1: createChannel, as its docs show. The consumer subscribes first (a channel
// drops what nobody is subscribed to), a spawned producer sends every item with
// `yield* channel.send()` and closes the channel, and the consumer reads its subscription.
import { createChannel, run, spawn } from 'effection';

export async function setup({ items }) {
  return {
    async iteration() {
      const sum = await run(function* () {
        const channel = createChannel();
        const subscription = yield* channel;
        yield* spawn(function* () {
          for (let i = 0; i < items; i++) yield* channel.send(i);
          yield* channel.close();
        });
        let total = 0;
        let next = yield* subscription.next();
        while (!next.done) {
          total += next.value;
          next = yield* subscription.next();
        }
        return total;
      });
      if (sum !== (items * (items - 1)) / 2) throw new Error(`lost items: sum ${sum}`);
    },
  };
}
