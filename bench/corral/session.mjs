// A long-lived task group for benchmarks whose resources (a listener, open connections) must
// outlive one timed iteration: they are opened in one group that lives for the whole
// measurement, and each iteration runs inside it. Whoever opens a resource there closes it
// (as everywhere in Corral, a stream is closed by its owner, not by the group).
import { withTaskGroup } from '@corral/runtime';

/**
 * Runs `open(tg)` in a new group, then runs every `session.run(fn)` inside that same group (as
 * `fn(state, tg)`) until `session.close()` cancels it.
 */
export async function openSession(open) {
  const requests = [];
  let wakeHost = null;
  let resolveReady;
  let rejectReady;
  const ready = new Promise((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });
  const finished = withTaskGroup(async (tg) => {
    const state = await open(tg);
    resolveReady(state);
    for (;;) {
      // Invariant: the host only waits here while no request is queued.
      while (requests.length === 0) await new Promise((resolve) => (wakeHost = resolve));
      const request = requests.shift();
      if (request.stop) {
        tg.cancel();
        return;
      }
      try {
        request.resolve(await request.fn(state, tg));
      } catch (error) {
        request.reject(error);
      }
    }
  });
  finished.catch(rejectReady);
  await ready;
  const post = (request) => {
    requests.push(request);
    wakeHost?.();
    wakeHost = null;
  };
  return {
    run: (fn) => new Promise((resolve, reject) => post({ fn, resolve, reject })),
    close: async () => {
      post({ stop: true });
      await finished;
    },
  };
}
