// The ALS floor: Promise.all over the same trivial tasks, each started inside its own
// AsyncLocalStorage.run, as any runtime that gives every task an implicit context must at least do.
import { AsyncLocalStorage } from 'node:async_hooks';

export const taskContext = new AsyncLocalStorage();

async function trivialTask(i) {
  return i;
}

/** Starts `tasks` trivial tasks, each in its own context, and waits for all of them. */
export async function spawnAll(tasks) {
  const running = [];
  for (let i = 0; i < tasks; i++) running.push(taskContext.run({ id: i }, trivialTask, i));
  await Promise.all(running);
}

export async function setup({ tasks }) {
  return { iteration: () => spawnAll(tasks) };
}
