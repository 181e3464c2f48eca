// Effection 4: spawn every task from one operation, then join each one, as Effection's guide
// to spawning shows (`const task = yield* spawn(op); yield* task;`).
import { run, spawn } from 'effection';

export async function setup({ tasks }) {
  return {
    async iteration() {
      await run(function* () {
        const spawned = [];
        for (let i = 0; i < tasks; i++) {
          spawned.push(
            // A trivial task has nothing to wait for, so its operation has no yield.
            // eslint-disable-next-line require-yield
            yield* spawn(function* () {
              return i;
            }),
          );
        }
        for (const task of spawned) yield* task;
      });
    },
  };
}
