import { gather, withTaskGroup, Lock } from '@corral/runtime';

declare function readBalance(account: string): Promise<number>;
declare function writeBalance(account: string, value: number): Promise<void>;

/** Each deposit runs in a task of its own, so each one can hold the lock. */
export class Ledger {
  // Serialises read-modify-write cycles.
  readonly #mutex = new Lock();

  async depositAll(account: string, amounts: number[]): Promise<void> {
    await withTaskGroup(async (tg) => {
      for (const amount of amounts) {
        tg.startSoon(async () => {
          await this.#mutex.run(async () => {
            /* read, then write */
            const balance = await readBalance(account);
            await writeBalance(account, balance + amount);
          });
        });
      }
    });
  }

  busy(): boolean {
    return this.#mutex.locked();
  }
}

const fileMutex: Lock = new Lock();

export async function appendBoth(write: (line: string) => Promise<void>): Promise<[void, void]> {
  return gather(
    () => fileMutex.run(() => write('first')),
    async () => {
      const done = await fileMutex.run(() => write('second'));
      return done;
    },
  );
}
