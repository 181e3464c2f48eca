// The floor for a lock: a hand-written FIFO async lock with direct handoff. Uncontended, acquire
// is one resolved promise; on release, ownership passes straight to the oldest waiter. No
// ownership or cancellation checks: nothing a real lock could leave out is cheaper than this.

export class FifoLock {
  #locked = false;
  // Invariant: non-empty only while #locked is true.
  #waiters = [];
  #head = 0;

  acquire() {
    if (!this.#locked) {
      this.#locked = true;
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
      this.#locked = false;
    }
  }
}

export async function setup({ ops, workers }) {
  const lock = new FifoLock();
  let counter = 0;
  const worker = async (n) => {
    for (let i = 0; i < n; i++) {
      await lock.acquire();
      try {
        counter++;
      } finally {
        lock.release();
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
