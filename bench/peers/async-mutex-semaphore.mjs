// async-mutex 0.5.0: Semaphore#runExclusive, as its README shows.
import { Semaphore } from 'async-mutex';

export async function setup({ ops, workers, value }) {
  const semaphore = new Semaphore(value);
  let counter = 0;
  const worker = async (n) => {
    for (let i = 0; i < n; i++) {
      await semaphore.runExclusive(() => {
        counter++;
      });
    }
  };
  return {
    async iteration() {
      const running = [];
      for (let w = 0; w < workers; w++) running.push(worker(ops / workers));
      await Promise.all(running);
      if (counter === -1) throw new Error('unreachable');
    },
  };
}
