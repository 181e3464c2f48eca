// Issue 3: spawn and join 10k trivial tasks in one group.
import { allRuntimeIds } from '../lib/runtimes.mjs';

const tasks = 10_000;

export default {
  id: 'spawn-join',
  title: 'Spawn and join 10k trivial tasks',
  issue: 3,
  description:
    'One group (or its equivalent) starts 10,000 trivial async tasks and waits for all of them. The ALS floor is Promise.all with one AsyncLocalStorage.run per task: the least any runtime with an implicit per-task context can do.',
  runtimes: allRuntimeIds,
  quickRuntimes: allRuntimeIds,
  params: { full: { tasks }, quick: { tasks: 2_000 } },
  budget: {
    full: { time: 1000, iterations: 3, warmupTime: 200, warmupIterations: 2 },
    quick: { time: 20, iterations: 1, warmupTime: 10, warmupIterations: 1 },
  },
  rounds: { full: 3, quick: 1 },
  metrics: { time: { kind: 'time', per: 'tasks', perLabel: 'task' } },
  variants: [
    { id: 'corral', role: 'corral', label: 'Corral withTaskGroup + startSoon', module: 'corral/spawn-join.mjs' },
    { id: 'promise-all', role: 'peer', label: 'Promise.all', module: 'peers/promise-all-spawn.mjs' },
    { id: 'als', role: 'floor', label: 'ALS floor (Promise.all, one AsyncLocalStorage.run per task)', module: 'floors/als-spawn.mjs' },
    { id: 'als-nested', role: 'floor', label: 'ALS floor started inside a context (for information)', module: 'floors/als-spawn-nested.mjs' },
    { id: 'effect', role: 'peer', label: 'Effect 4.1.0 forkChild + Fiber.joinAll', module: 'peers/effect-fork.mjs' },
    {
      id: 'effection',
      role: 'peer',
      label: 'Effection 4.1.1 spawn + join',
      module: 'peers/effection-spawn.mjs',
      // About a second per iteration: two samples after one warm-up, in each of the rounds.
      budget: { full: { time: 0, iterations: 2, warmupTime: 0, warmupIterations: 1 } },
    },
  ],
  comparisons: [
    { subject: 'corral', versus: 'als', metric: 'time', target: { max: 1.5, text: 'within 1.5x of the ALS floor' }, runtimes: allRuntimeIds, headline: true },
    { subject: 'corral', versus: 'effect', metric: 'time', target: { max: 1, strict: true, text: 'faster than Effect' }, runtimes: allRuntimeIds, headline: true },
    { subject: 'corral', versus: 'effection', metric: 'time', target: { max: 1 / 50, text: 'at least 50x faster than Effection' }, runtimes: allRuntimeIds, headline: true },
    { subject: 'corral', versus: 'promise-all', metric: 'time' },
    { subject: 'als', versus: 'promise-all', metric: 'time' },
    { subject: 'corral', versus: 'als-nested', metric: 'time' },
  ],
};
