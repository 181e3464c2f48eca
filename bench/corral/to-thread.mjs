// Corral: toThread.runSync calling a function defined with defineThreadFunction. Sequential calls
// await each one; with calls in flight, each call is a task of one group (the default limiter,
// 40 tokens, decides how many run at once).
import { toThread, withTaskGroup } from '@corral/runtime';
import { trivial } from './thread-functions.mjs';

export async function setup({ calls, inFlight }) {
  const call = (i) => toThread.runSync(trivial, i);
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
