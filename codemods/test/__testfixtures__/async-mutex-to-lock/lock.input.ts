import { gather, withTaskGroup } from '@corral/runtime';
import { Mutex } from 'async-mutex';

declare function readBalance(account: string): Promise<number>;
declare function writeBalance(account: string, value: number): Promise<void>;

/** Each deposit runs in a task of its own, so each one can hold the lock. */
export class Ledger {
  // Serialises read-modify-write cycles.
  readonly #mutex = new Mutex();

  async depositAll(account: string, amounts: number[]): Promise<void> {
    await withTaskGroup(async (tg) => {
      for (const amount of amounts) {
        tg.startSoon(async () => {
          await this.#mutex.runExclusive(async () => {
            /* read, then write */
            const balance = await readBalance(account);
            await writeBalance(account, balance + amount);
          });
        });
      }
    });
  }

  busy(): boolean {
    return this.#mutex.isLocked();
  }
}

const fileMutex: Mutex = new Mutex();

export async function appendBoth(write: (line: string) => Promise<void>): Promise<[void, void]> {
  return gather(
    () => fileMutex.runExclusive(() => write('first')),
    async () => {
      const done = await fileMutex.runExclusive(() => write('second'));
      return done;
    },
  );
}
