// Every scenario, in report order.
import cancelSleeping from './cancel-sleeping.mjs';
import memoryPerTask from './memory-per-task.mjs';
import spawnJoin from './spawn-join.mjs';

export const scenarios = [spawnJoin, cancelSleeping, memoryPerTask];
