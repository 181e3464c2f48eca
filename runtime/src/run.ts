import { type Clock, realClock } from './core/clock.js';
import { runInContext } from './core/context.js';
import { isCancelled } from './core/errors.js';
import { registerRoot, Task, unregisterRoot } from './core/task.js';

/**
 * Options of {@link run}.
 *
 * @example
 * ```ts
 * await run(main, { handleSignals: false }); // a library's test: leave SIGINT to the test runner
 * ```
 */
export interface RunOptions {
  /**
   * Cancel the root scope on SIGINT and SIGTERM, let every `finally` run, then end the process
   * with the conventional exit code (130 for SIGINT, 143 for SIGTERM). Default: true.
   */
  handleSignals?: boolean;
  /** The clock of this run; a `MockClock` from `@corral/runtime/testing` makes time virtual. */
  clock?: Clock;
  /** The root task's name. Default: `'main'`. */
  name?: string;
}

const SIGNAL_NUMBERS = { SIGINT: 2, SIGTERM: 15 } as const;
type HandledSignal = keyof typeof SIGNAL_NUMBERS;

/**
 * Runs `fn` as the root task of a new run. With signal handling on (the default), SIGINT and
 * SIGTERM cancel the root scope; once every `finally` has run, the process exits with
 * `128 + signal number`.
 *
 * @example
 * ```ts
 * await run(async () => {
 *   await withTaskGroup(async (tg) => {
 *     tg.startSoon(serveForever);
 *   });
 * });
 * ```
 */
export async function run<T>(fn: () => Promise<T> | T, options: RunOptions = {}): Promise<T> {
  const task = new Task(options.name ?? 'main', undefined);
  task._enter(undefined, options.clock ?? realClock);
  registerRoot(task);
  let received: HandledSignal | undefined;
  const handlers = new Map<HandledSignal, () => void>();
  if (options.handleSignals ?? true) {
    for (const signal of Object.keys(SIGNAL_NUMBERS) as HandledSignal[]) {
      const handler = (): void => {
        received ??= signal;
        task.cancel(`${signal} received`);
      };
      handlers.set(signal, handler);
      process.on(signal, handler);
    }
  }
  // A run keeps the process alive while its root task runs, as an event loop would: a task
  // parked on `sleepForever()` or an Event holds no timer or socket of its own.
  const keepAlive = setInterval(() => undefined, 2 ** 31 - 1);
  try {
    const result = await runInContext(task, fn);
    return result;
  } catch (error) {
    if (received !== undefined && isCancelled(error)) return undefined as T;
    throw error;
  } finally {
    clearInterval(keepAlive);
    task._exit();
    unregisterRoot(task);
    for (const [signal, handler] of handlers) process.off(signal, handler);
    if (received !== undefined) {
      // Clean-up is done; end as a process killed by that signal would, by convention.
      process.exit(128 + SIGNAL_NUMBERS[received]);
    }
  }
}
