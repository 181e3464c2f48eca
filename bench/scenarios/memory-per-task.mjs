// Issue 3: memory per sleeping task, against a bare pending promise with its timer.
import { allRuntimeIds } from '../lib/runtimes.mjs';

const tasks = 10_000;

export default {
  id: 'memory-per-task',
  title: 'Memory per sleeping task',
  issue: 3,
  description:
    'Live heap (heapUsed after a forced full collection) held by 10,000 parked tasks, divided by 10,000. The floor is a bare pending promise with its timer; native async functions sleeping with an AbortSignal are shown for reference.',
  runtimes: allRuntimeIds,
  quickRuntimes: ['node20'],
  needsGc: true,
  timing: 'custom',
  params: { full: { tasks }, quick: { tasks: 2_000 } },
  budget: { full: { iterations: 5, warmupIterations: 1 }, quick: { iterations: 1, warmupIterations: 1 } },
  rounds: { full: 3, quick: 1 },
  metrics: { bytes: { kind: 'bytes', per: 'tasks', perLabel: 'task' } },
  variants: [
    { id: 'corral', role: 'corral', label: 'Corral task parked in sleep()', module: 'corral/memory-per-task.mjs' },
    { id: 'bare', role: 'floor', label: 'bare pending promise with its timer', module: 'floors/bare-promise-timer.mjs' },
    {
      id: 'async-sleeper',
      role: 'peer',
      label: 'async function parked in timers/promises setTimeout with a signal',
      module: 'peers/async-sleeper-memory.mjs',
      // 10k listeners on one AbortSignal take seconds to add on Node 20: fewer samples.
      budget: { full: { iterations: 2, warmupIterations: 1 } },
    },
  ],
  comparisons: [
    { subject: 'corral', versus: 'bare', metric: 'bytes', headline: true },
    { subject: 'corral', versus: 'async-sleeper', metric: 'bytes' },
  ],
};
