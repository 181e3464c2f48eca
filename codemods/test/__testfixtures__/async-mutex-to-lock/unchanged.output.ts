import { Mutex, Semaphore } from 'async-mutex';

const mutex = new Mutex();

/** Manual acquire and release: the release function has no mechanical counterpart. */
export async function critical(work: () => Promise<void>): Promise<void> {
  const release = await mutex.acquire();
  try {
    await work();
  } finally {
    release();
  }
}

/** The worker reads the semaphore's value. */
const pool = new Semaphore(2);
export async function withValue(): Promise<number> {
  return pool.runExclusive(async (value) => value * 2);
}

/** Exported: its users elsewhere cannot be checked. */
export const shared = new Mutex();

/**
 * Plain promise code: callers may run `increment` twice at once from one task, which async-mutex
 * queues and Corral's Lock would refuse.
 */
export class Counter {
  readonly #mutex = new Mutex();
  #value = 0;

  async increment(): Promise<number> {
    return this.#mutex.runExclusive(() => ++this.#value);
  }
}
