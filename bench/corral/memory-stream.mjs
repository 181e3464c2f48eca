// Corral: one producer task sends every item into a memory object stream with a buffer of 100;
// the group's host consumes them with `for await`, which ends when the send side is closed.
import { createMemoryObjectStream, withTaskGroup } from '@corral/runtime';

export async function setup({ items, buffer }) {
  return {
    async iteration() {
      const [send, receive] = createMemoryObjectStream(buffer);
      let sum = 0;
      await withTaskGroup(async (tg) => {
        tg.startSoon(async () => {
          try {
            for (let i = 0; i < items; i++) await send.send(i);
          } finally {
            send.close();
          }
        });
        for await (const item of receive) sum += item;
      });
      if (sum !== (items * (items - 1)) / 2) throw new Error(`lost items: sum ${sum}`);
    },
  };
}
