import { Mutex } from 'async-mutex';

/** A counter that several tasks update. */
export class Counter {
  // Serialises read-modify-write cycles.
  readonly #mutex = new Mutex();
  #value = 0;

  async increment(read: () => Promise<number>): Promise<number> {
    return this.#mutex.runExclusive(async () => {
      /* read, then write */
      this.#value = (await read()) + 1;
      return this.#value;
    });
  }

  busy(): boolean {
    return this.#mutex.isLocked();
  }
}

const fileMutex: Mutex = new Mutex();

export async function append(line: string, write: (line: string) => Promise<void>): Promise<void> {
  await fileMutex.runExclusive(() => write(line));
}
