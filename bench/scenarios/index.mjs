// Every scenario, in report order.
import cancelSleeping from './cancel-sleeping.mjs';
import capacityLimiter from './capacity-limiter.mjs';
import { codemodScenarios } from './codemods.mjs';
import { eslintScenarios } from './eslint.mjs';
import { lockContended, lockUncontended } from './lock.mjs';
import memoryPerTask from './memory-per-task.mjs';
import memoryStream from './memory-stream.mjs';
import { semaphoreContended, semaphoreUncontended } from './semaphore.mjs';
import spawnJoin from './spawn-join.mjs';
import { tcpLatency, tcpThroughput } from './tcp.mjs';
import { toThreadInFlight, toThreadSequential } from './to-thread.mjs';

export const scenarios = [
  spawnJoin,
  cancelSleeping,
  memoryPerTask,
  lockUncontended,
  lockContended,
  semaphoreUncontended,
  semaphoreContended,
  capacityLimiter,
  memoryStream,
  tcpThroughput,
  tcpLatency,
  toThreadSequential,
  toThreadInFlight,
  ...eslintScenarios,
  ...codemodScenarios,
];
