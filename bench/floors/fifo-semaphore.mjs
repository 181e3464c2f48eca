// The floor for a semaphore: a hand-written FIFO counting semaphore. A released token goes
// straight to the oldest waiter (reserved for it), so nobody can overtake the queue.

export class FifoSemaphore {
  #value;
  // Invariant: non-empty only while #value is 0.
  #waiters = [];
  #head = 0;

  constructor(value) {
    this.#value = value;
  }

  acquire() {
    if (this.#value > 0) {
      this.#value--;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  release() {
    if (this.#head < this.#waiters.length) {
      const next = this.#waiters[this.#head];
      this.#waiters[this.#head++] = undefined;
      if (this.#head === this.#waiters.length) {
        this.#waiters.length = 0;
        this.#head = 0;
      }
      next();
    } else {
      this.#value++;
    }
  }
}

export async function setup({ ops, workers, value }) {
  const semaphore = new FifoSemaphore(value);
  let counter = 0;
  const worker = async (n) => {
    for (let i = 0; i < n; i++) {
      await semaphore.acquire();
      try {
        counter++;
      } finally {
        semaphore.release();
      }
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
