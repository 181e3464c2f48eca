// Issue 4: one million items through a buffered memory object stream.
import { allRuntimeIds } from '../lib/runtimes.mjs';

export default {
  id: 'memory-stream',
  title: '1M items through a memory object stream (buffer 100)',
  issue: 4,
  description:
    'One producer and one consumer move items through a buffer of 100. The floor is a ring buffer whose send and receive are awaited on every call (each send and receive of a memory stream is a checkpoint); the ring buffer that awaits only when full or empty, and Effection\'s queue and channel, are peers. The floor run inside an AsyncLocalStorage context, as every task runs, is shown for information: where AsyncLocalStorage is built on promise hooks (Node 20), every promise and every await in a context pays for them.',
  runtimes: allRuntimeIds,
  quickRuntimes: ['node20'],
  params: { full: { items: 1_000_000, buffer: 100 }, quick: { items: 20_000, buffer: 100 } },
  budget: {
    full: { time: 1000, iterations: 3, warmupTime: 100, warmupIterations: 1 },
    quick: { time: 20, iterations: 2, warmupTime: 10, warmupIterations: 1 },
  },
  rounds: { full: 3, quick: 1 },
  metrics: { time: { kind: 'time', per: 'items', perLabel: 'item' } },
  variants: [
    { id: 'corral', role: 'corral', label: 'Corral createMemoryObjectStream(100)', module: 'corral/memory-stream.mjs' },
    { id: 'floor', role: 'floor', label: 'ring buffer, awaits every send and receive', module: 'floors/ring-buffer-await-each.mjs' },
    { id: 'floor-als', role: 'floor', label: 'the same ring buffer inside an AsyncLocalStorage context (for information)', module: 'floors/ring-buffer-await-each-als.mjs' },
    { id: 'ring-lazy', role: 'peer', label: 'ring buffer, awaits only when full or empty', module: 'peers/ring-buffer-lazy.mjs' },
    { id: 'effection-queue', role: 'peer', label: 'Effection 4.1.1 createQueue', module: 'peers/effection-queue.mjs' },
    {
      id: 'effection-channel',
      role: 'peer',
      label: 'Effection 4.1.1 createChannel',
      module: 'peers/effection-channel.mjs',
      // Seconds per iteration: two samples after one warm-up, in each of the rounds.
      budget: { full: { time: 0, iterations: 2, warmupTime: 0, warmupIterations: 1 } },
    },
  ],
  comparisons: [
    { subject: 'corral', versus: 'floor', metric: 'time', target: { max: 1.5, text: 'within 1.5x of the await-every-operation ring buffer' }, runtimes: allRuntimeIds, headline: true },
    { subject: 'corral', versus: 'effection-channel', metric: 'time', target: { max: 1 / 10, text: "at least 10x faster than Effection's channel" }, runtimes: allRuntimeIds, headline: true },
    { subject: 'corral', versus: 'floor-als', metric: 'time' },
    { subject: 'floor-als', versus: 'floor', metric: 'time' },
    { subject: 'corral', versus: 'ring-lazy', metric: 'time' },
    { subject: 'corral', versus: 'effection-queue', metric: 'time' },
    { subject: 'floor', versus: 'ring-lazy', metric: 'time' },
  ],
};
