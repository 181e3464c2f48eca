// Effect 4: fork every task as a child fiber with Effect.forkChild, then Fiber.joinAll, the
// combination the Effect docs show for starting fibers and waiting for all of them.
import { Effect, Fiber } from 'effect';

const spawnAndJoin = (tasks) =>
  Effect.gen(function* () {
    const fibers = [];
    for (let i = 0; i < tasks; i++) fibers.push(yield* Effect.forkChild(Effect.succeed(i)));
    return yield* Fiber.joinAll(fibers);
  });

export async function setup({ tasks }) {
  const program = spawnAndJoin(tasks);
  return {
    async iteration() {
      await Effect.runPromise(program);
    },
  };
}
