import { currentContext } from './context.js';
import { macrotaskYield } from './scheduling.js';
import { liveTaskList, type TaskInfo } from './task.js';

/**
 * The task that is running now. Outside any task: the implicit root task.
 *
 * @example
 * ```ts
 * console.log(`running in ${getCurrentTask().name}`);
 * ```
 */
export function getCurrentTask(): TaskInfo {
  return currentContext().task.info();
}

/**
 * Every task that has started and not yet ended, in start order.
 *
 * @example
 * ```ts
 * for (const t of getRunningTasks()) console.log(t.id, t.parentId, t.name);
 * ```
 */
export function getRunningTasks(): TaskInfo[] {
  return liveTaskList().map((task) => task.info());
}

/**
 * Resolves once every other task is blocked in a runtime operation (parked on a sleep, an event,
 * a lock, a stream, or waiting for its group's tasks). A test helper: "let everything settle".
 * A task awaiting a native promise (not a Corral operation) counts as running, so this waits for
 * it to finish.
 *
 * @example
 * ```ts
 * tg.startSoon(worker);
 * await waitAllTasksBlocked(); // worker is now parked on its first wait
 * ```
 */
export async function waitAllTasksBlocked(): Promise<void> {
  const me = currentContext().task;
  let quietRounds = 0;
  // Two consecutive macrotask turns in which every other task stayed blocked: by then every
  // microtask chain that could unblock one has run.
  while (quietRounds < 2) {
    await macrotaskYield();
    const allBlocked = liveTaskList().every((task) => task === me || task._blocked > 0);
    quietRounds = allBlocked ? quietRounds + 1 : 0;
  }
}
