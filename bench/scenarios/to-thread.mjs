// Issue 5: toThread.runSync for a trivial function, sequential and with many calls in flight.
const judgedOn = ['node20', 'node24'];
const runtimes = ['node20', 'node24', 'deno', 'bun'];

function threadScenario({ id, title, calls, quickCalls, inFlight, description, comparisons }) {
  return {
    id,
    title,
    issue: 5,
    description,
    runtimes,
    quickRuntimes: ['node20'],
    params: { full: { calls, inFlight }, quick: { calls: quickCalls, inFlight } },
    budget: {
      full: { time: 1000, iterations: 5, warmupTime: 300, warmupIterations: 2 },
      quick: { time: 20, iterations: 2, warmupTime: 10, warmupIterations: 1 },
    },
    rounds: { full: 3, quick: 1 },
    metrics: { time: { kind: 'time', per: 'calls', perLabel: 'call' } },
    variants: [
      { id: 'corral', role: 'corral', label: 'Corral toThread.runSync', module: 'corral/to-thread.mjs' },
      { id: 'piscina', role: 'peer', label: 'piscina 5.3.2 pool.run', module: 'peers/piscina.mjs' },
      { id: 'raw-pool', role: 'floor', label: 'raw pipelining worker_threads pool', module: 'floors/worker-pool.mjs' },
    ],
    comparisons,
  };
}

export const toThreadSequential = threadScenario({
  id: 'to-thread-sequential',
  title: 'toThread.runSync, sequential calls',
  calls: 2000,
  quickCalls: 200,
  inFlight: false,
  description: 'Calls a trivial function in a worker thread 2,000 times, one after the other.',
  comparisons: [
    { subject: 'corral', versus: 'piscina', metric: 'time', target: { max: 1, text: 'no slower than piscina' }, runtimes: judgedOn, headline: true },
    { subject: 'corral', versus: 'raw-pool', metric: 'time' },
  ],
});

export const toThreadInFlight = threadScenario({
  id: 'to-thread-in-flight',
  title: 'toThread.runSync, 10k calls in flight',
  calls: 10_000,
  quickCalls: 500,
  inFlight: true,
  description: 'Starts 10,000 calls of a trivial function in worker threads at once and waits for all.',
  comparisons: [
    { subject: 'corral', versus: 'raw-pool', metric: 'time', target: { max: 2, text: 'within 2x of a raw pipelining pool' }, runtimes: judgedOn, headline: true },
    { subject: 'corral', versus: 'piscina', metric: 'time' },
    { subject: 'piscina', versus: 'raw-pool', metric: 'time' },
  ],
});
