// The ALS floor as a task runtime meets it: the same Promise.all with one AsyncLocalStorage.run
// per task, but started from inside a context (a task's tasks always are). On Deno, run() copies
// the enclosing context's mapping, so a nested run costs about 2.5x a top-level one; on Node and
// Bun the two are about the same. Shown for information: the target stays the top-level floor.
import { AsyncLocalStorage } from 'node:async_hooks';

const taskContext = new AsyncLocalStorage();

async function trivialTask(i) {
  return i;
}

async function spawnAll(tasks) {
  const running = [];
  for (let i = 0; i < tasks; i++) running.push(taskContext.run({ id: i }, trivialTask, i));
  await Promise.all(running);
}

export async function setup({ tasks }) {
  return {
    iteration: () => taskContext.run({ id: -1 }, spawnAll, tasks),
  };
}
