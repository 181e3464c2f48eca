// Issue 3: cancelling 10k sleeping tasks takes no longer than spawning them.
import { allRuntimeIds } from '../lib/runtimes.mjs';

const tasks = 10_000;

export default {
  id: 'cancel-sleeping',
  title: 'Cancel 10k sleeping tasks',
  issue: 3,
  description:
    'A group starts 10,000 tasks that sleep for an hour; once every one is parked, the group is cancelled. Each iteration times both phases, so cancelling is compared with spawning in the same process. Native AbortController tasks are shown for reference.',
  runtimes: allRuntimeIds,
  quickRuntimes: ['node20'],
  timing: 'custom',
  params: { full: { tasks }, quick: { tasks: 2_000 } },
  budget: { full: { iterations: 15, warmupIterations: 3 }, quick: { iterations: 2, warmupIterations: 1 } },
  rounds: { full: 3, quick: 1 },
  metrics: {
    spawn: { kind: 'time', per: 'tasks', perLabel: 'task' },
    cancel: { kind: 'time', per: 'tasks', perLabel: 'task' },
  },
  variants: [
    { id: 'corral', role: 'corral', label: 'Corral withTaskGroup + sleep, tg.cancel()', module: 'corral/cancel-sleeping.mjs' },
    {
      id: 'abort-controller',
      role: 'peer',
      label: 'async functions on timers/promises setTimeout + AbortController',
      module: 'peers/abort-controller-cancel.mjs',
      // 10k listeners on one AbortSignal take seconds to add on Node 20: fewer samples.
      budget: { full: { iterations: 3, warmupIterations: 1 } },
    },
  ],
  comparisons: [
    {
      subject: 'corral',
      subjectMetric: 'cancel',
      versus: 'corral',
      versusMetric: 'spawn',
      target: { max: 1, text: 'cancelling takes no longer than spawning' },
      runtimes: allRuntimeIds,
      headline: true,
    },
    { subject: 'corral', versus: 'abort-controller', metric: 'cancel' },
    { subject: 'corral', versus: 'abort-controller', metric: 'spawn' },
  ],
};
