// Corral: toThread.runSync calling the worker module's export. Sequential calls await each one;
// with calls in flight, each call is a task of one group (the default limiter of 40 tokens
// decides how many run at once).
import { toThread, withTaskGroup } from '@corral/runtime';
import { NotAvailable } from '../lib/not-available.mjs';

const workerModule = new URL('../workers/trivial.mjs', import.meta.url);

export async function setup({ calls, inFlight }) {
  if (typeof toThread?.runSync !== 'function') throw new NotAvailable('@corral/runtime has no toThread.runSync yet');
  const call = (i) => toThread.runSync(workerModule, 'trivial', i);
  return {
    async iteration() {
      if (inFlight) {
        await withTaskGroup(async (tg) => {
          for (let i = 0; i < calls; i++) tg.startSoon(call, i);
        });
      } else {
        for (let i = 0; i < calls; i++) await call(i);
      }
    },
  };
}
