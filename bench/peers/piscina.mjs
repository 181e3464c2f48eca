// piscina 5.3.2: one pool for the worker module, pool.run(arg, { name }) per call, as its README
// shows. Sequential calls await each run; pipelined calls start every run and await them all.
import { Piscina } from 'piscina';

export async function setup({ calls, inFlight }) {
  const pool = new Piscina({ filename: new URL('../workers/trivial.mjs', import.meta.url).href });
  return {
    async iteration() {
      if (inFlight) {
        const results = [];
        for (let i = 0; i < calls; i++) results.push(pool.run(i, { name: 'trivial' }));
        await Promise.all(results);
      } else {
        for (let i = 0; i < calls; i++) await pool.run(i, { name: 'trivial' });
      }
    },
    teardown: () => pool.destroy(),
  };
}
