// Issue 4: Semaphore against async-mutex's Semaphore and a hand-written floor.
import { allRuntimeIds } from '../lib/runtimes.mjs';

const ops = 10_000;
const value = 4;

function semaphoreScenario({ id, title, workers, description }) {
  return {
    id,
    title,
    issue: 4,
    description,
    runtimes: allRuntimeIds,
    quickRuntimes: ['node20'],
    params: { full: { ops, workers, value }, quick: { ops, workers, value } },
    budget: {
      full: { time: 1000, iterations: 10, warmupTime: 200, warmupIterations: 5 },
      quick: { time: 50, iterations: 2, warmupTime: 10, warmupIterations: 1 },
    },
    rounds: { full: 3, quick: 1 },
    metrics: { time: { kind: 'time', per: 'ops', perLabel: 'op' } },
    variants: [
      { id: 'corral', role: 'corral', label: 'Corral Semaphore(4), semaphore.run(fn)', module: 'corral/semaphore.mjs' },
      { id: 'async-mutex', role: 'peer', label: 'async-mutex 0.5.0 Semaphore(4)#runExclusive', module: 'peers/async-mutex-semaphore.mjs' },
      { id: 'floor', role: 'floor', label: 'hand-written FIFO semaphore', module: 'floors/fifo-semaphore.mjs' },
    ],
    comparisons: [
      { subject: 'corral', versus: 'async-mutex', metric: 'time', target: { max: 1 / 5, text: 'at least 5x faster than async-mutex' }, runtimes: allRuntimeIds, headline: true },
      { subject: 'corral', versus: 'floor', metric: 'time' },
      { subject: 'async-mutex', versus: 'floor', metric: 'time' },
    ],
  };
}

export const semaphoreUncontended = semaphoreScenario({
  id: 'semaphore-uncontended',
  title: 'Semaphore, uncontended',
  workers: 1,
  description: 'One task acquires and releases a Semaphore(4) 10,000 times.',
});

export const semaphoreContended = semaphoreScenario({
  id: 'semaphore-contended',
  title: 'Semaphore, contended',
  workers: 16,
  description: 'Sixteen tasks share a Semaphore(4), 10,000 acquire/release pairs in all; released tokens go to waiting tasks.',
});
