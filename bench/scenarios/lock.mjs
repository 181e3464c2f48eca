// Issue 4: Lock, uncontended and contended handoff, against async-mutex and a hand-written floor.
import { allRuntimeIds } from '../lib/runtimes.mjs';

const ops = 10_000;

function lockScenario({ id, title, workers, description }) {
  return {
    id,
    title,
    issue: 4,
    description,
    runtimes: allRuntimeIds,
    quickRuntimes: ['node20'],
    params: { full: { ops, workers }, quick: { ops, workers } },
    budget: {
      full: { time: 1000, iterations: 10, warmupTime: 200, warmupIterations: 5 },
      quick: { time: 50, iterations: 2, warmupTime: 10, warmupIterations: 1 },
    },
    rounds: { full: 3, quick: 1 },
    metrics: { time: { kind: 'time', per: 'ops', perLabel: 'op' } },
    variants: [
      { id: 'corral', role: 'corral', label: 'Corral Lock, lock.run(fn)', module: 'corral/lock.mjs' },
      { id: 'corral-acquire', role: 'corral', label: 'Corral Lock, acquire()/release()', module: 'corral/lock-acquire.mjs' },
      { id: 'async-mutex', role: 'peer', label: 'async-mutex 0.5.0 Mutex#runExclusive', module: 'peers/async-mutex-lock.mjs' },
      { id: 'floor', role: 'floor', label: 'hand-written FIFO lock', module: 'floors/fifo-lock.mjs' },
    ],
    comparisons: [
      { subject: 'corral', versus: 'async-mutex', metric: 'time', target: { max: 1 / 5, text: 'at least 5x faster than async-mutex' }, runtimes: allRuntimeIds, headline: true },
      { subject: 'corral-acquire', versus: 'async-mutex', metric: 'time', target: { max: 1 / 5, text: 'at least 5x faster than async-mutex' }, runtimes: allRuntimeIds },
      { subject: 'corral', versus: 'floor', metric: 'time' },
      { subject: 'async-mutex', versus: 'floor', metric: 'time' },
    ],
  };
}

export const lockUncontended = lockScenario({
  id: 'lock-uncontended',
  title: 'Lock, uncontended',
  workers: 1,
  description: 'One task acquires and releases a free lock 10,000 times (incrementing a counter while holding it).',
});

export const lockContended = lockScenario({
  id: 'lock-contended',
  title: 'Lock, contended handoff',
  workers: 4,
  description:
    'Four tasks each acquire and release one lock 2,500 times; every release hands the lock to a waiting task. Corral\'s workers are tasks of one group; the peers\' are async functions under Promise.all.',
});
