// The memory stream's floor as a task runtime meets it: the same ring buffer, awaited on every
// send and receive, but run inside an AsyncLocalStorage context (a task always is). Where
// AsyncLocalStorage is built on promise hooks (Node before 24), every promise made and every
// await resumed inside a context then runs those hooks, whoever the code is; on Node 24, Deno
// and Bun the context costs next to nothing. Shown for information: the target stays the floor
// without a context.
import { AsyncLocalStorage } from 'node:async_hooks';
import { setup as setupFloor } from './ring-buffer-await-each.mjs';

const context = new AsyncLocalStorage();

export async function setup(params) {
  const { iteration } = await setupFloor(params);
  return {
    iteration: () => context.run({ id: 0 }, iteration),
  };
}
