// The floor for thread calls: a raw worker_threads pool, one worker per core, that pipelines:
// calls are posted round-robin without waiting for earlier answers, and answers are matched to
// calls by id. No queue, no limits, no error handling beyond what the benchmark needs.
import os from 'node:os';
import { Worker } from 'node:worker_threads';

class PipeliningPool {
  #workers;
  #next = 0;
  #nextId = 0;
  #pending = new Map();

  constructor(size) {
    this.#workers = Array.from({ length: size }, () => {
      const worker = new Worker(new URL('./worker-pool-worker.mjs', import.meta.url));
      worker.on('message', ({ id, result }) => {
        const resolve = this.#pending.get(id);
        this.#pending.delete(id);
        resolve(result);
      });
      return worker;
    });
  }

  call(arg) {
    const id = this.#nextId++;
    const worker = this.#workers[this.#next];
    this.#next = (this.#next + 1) % this.#workers.length;
    return new Promise((resolve) => {
      this.#pending.set(id, resolve);
      worker.postMessage({ id, arg });
    });
  }

  async close() {
    await Promise.all(this.#workers.map((worker) => worker.terminate()));
  }
}

export async function setup({ calls, inFlight }) {
  const pool = new PipeliningPool(os.availableParallelism?.() ?? os.cpus().length);
  return {
    async iteration() {
      if (inFlight) {
        const results = [];
        for (let i = 0; i < calls; i++) results.push(pool.call(i));
        await Promise.all(results);
      } else {
        for (let i = 0; i < calls; i++) await pool.call(i);
      }
    },
    teardown: () => pool.close(),
  };
}
