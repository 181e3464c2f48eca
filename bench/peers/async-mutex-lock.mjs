// async-mutex 0.5.0: Mutex#runExclusive, the form its README recommends (it acquires, runs the
// callback and releases even when the callback throws).
import { Mutex } from 'async-mutex';

export async function setup({ ops, workers }) {
  const mutex = new Mutex();
  let counter = 0;
  const worker = async (n) => {
    for (let i = 0; i < n; i++) {
      await mutex.runExclusive(() => {
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
