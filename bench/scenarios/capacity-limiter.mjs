// Issue 4: CapacityLimiter gating 10k tasks at 16, against p-limit and a hand-written limiter.
import { allRuntimeIds } from '../lib/runtimes.mjs';

const tasks = 10_000;

export default {
  id: 'capacity-limiter',
  title: 'CapacityLimiter gating 10k tasks at 16',
  issue: 4,
  description:
    '10,000 tasks, at most 16 running at once, each doing one trivial await. Corral starts the tasks in one group and each borrows a token; the peers call a limit(fn) function under Promise.all. The same 10k Corral tasks without a limiter are measured for reference: the part of Corral\'s time that is starting tasks, not gating them.',
  runtimes: allRuntimeIds,
  quickRuntimes: ['node20'],
  params: { full: { tasks, limit: 16 }, quick: { tasks, limit: 16 } },
  budget: {
    full: { time: 1000, iterations: 5, warmupTime: 200, warmupIterations: 3 },
    quick: { time: 50, iterations: 2, warmupTime: 10, warmupIterations: 1 },
  },
  rounds: { full: 3, quick: 1 },
  metrics: { time: { kind: 'time', per: 'tasks', perLabel: 'task' } },
  variants: [
    { id: 'corral', role: 'corral', label: 'Corral CapacityLimiter(16), limiter.run(fn) in 10k tasks', module: 'corral/capacity-limiter.mjs' },
    { id: 'corral-tasks-only', role: 'corral', label: 'Corral, the same 10k tasks without a limiter (for reference)', module: 'corral/capacity-limiter-tasks-only.mjs' },
    { id: 'p-limit', role: 'peer', label: 'p-limit 7.3.3', module: 'peers/p-limit.mjs' },
    { id: 'floor', role: 'floor', label: 'hand-written FIFO limiter', module: 'floors/limiter.mjs' },
  ],
  comparisons: [
    { subject: 'corral', versus: 'floor', metric: 'time', target: { max: 2, text: 'within 2x of the hand-written limiter' }, runtimes: allRuntimeIds, headline: true },
    { subject: 'corral', versus: 'p-limit', metric: 'time' },
    { subject: 'corral-tasks-only', versus: 'floor', metric: 'time' },
    { subject: 'p-limit', versus: 'floor', metric: 'time' },
  ],
};
