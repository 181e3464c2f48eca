import { Lock } from '@corral/runtime';

/** A counter that several tasks update. */
export class Counter {
  // Serialises read-modify-write cycles.
  readonly #mutex = new Lock();
  #value = 0;

  async increment(read: () => Promise<number>): Promise<number> {
    return this.#mutex.run(async () => {
      /* read, then write */
      this.#value = (await read()) + 1;
      return this.#value;
    });
  }

  busy(): boolean {
    return this.#mutex.locked();
  }
}

const fileMutex: Lock = new Lock();

export async function append(line: string, write: (line: string) => Promise<void>): Promise<void> {
  await fileMutex.run(() => write(line));
}
