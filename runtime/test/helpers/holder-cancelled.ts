import { failAfter, sleepForever, waitAllTasksBlocked, withTaskGroup } from '../../src/index.js';

/**
 * The scenario every lock-like primitive must survive: a task holds it (through `run`) and sleeps,
 * a second task waits for it, and the holder is cancelled. Resolves to whether the waiter then ran
 * its callback; fails after 5 s if it deadlocks.
 */
export async function waiterRunsAfterHolderIsCancelled(run: (fn: () => unknown) => Promise<unknown>): Promise<boolean> {
  let second = false;
  await failAfter(5000, () =>
    withTaskGroup(async (tg) => {
      const first = tg.startSoon(() => run(() => sleepForever()));
      tg.startSoon(() => run(() => void (second = true)));
      await waitAllTasksBlocked();
      first.cancel();
    }),
  );
  return second;
}
