// The ALS floor: Promise.all over the same trivial tasks, each started inside its own
// AsyncLocalStorage.run, as any runtime that gives every task an implicit context must at least do.
import { AsyncLocalStorage } from 'node:async_hooks';

const taskContext = new AsyncLocalStorage();

async function trivialTask(i) {
  return i;
}

export async function setup({ tasks }) {
  return {
    async iteration() {
      const running = [];
      for (let i = 0; i < tasks; i++) running.push(taskContext.run({ id: i }, trivialTask, i));
      await Promise.all(running);
    },
  };
}
