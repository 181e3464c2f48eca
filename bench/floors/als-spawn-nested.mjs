// The ALS floor as a task runtime meets it: the same Promise.all with one AsyncLocalStorage.run
// per task, but started from inside a context (a task's tasks always are). On Deno, run() copies
// the enclosing context's mapping, so a nested run costs about 2.5x a top-level one; on Node and
// Bun the two are about the same. Shown for information: the target stays the top-level floor.
import { spawnAll, taskContext } from './als-spawn.mjs';

export async function setup({ tasks }) {
  return {
    iteration: () => taskContext.run({ id: -1 }, spawnAll, tasks),
  };
}
