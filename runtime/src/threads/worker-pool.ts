/**
 * The shared pool of worker threads behind `toThread`. Workers start on demand, up to one per
 * CPU; a call goes to the worker with the fewest calls in flight, and a new worker starts only
 * when every existing one is busy. An idle worker ends after `idleTimeoutMs`.
 */

import { availableParallelism } from 'node:os';

import { PooledWorker } from './pooled-worker.js';

/** @internal */
export class WorkerPool {
  // Invariant: holds exactly the workers that are alive (not terminated, not crashed).
  private readonly workers: PooledWorker[] = [];

  constructor(
    readonly maxWorkers: number,
    readonly idleTimeoutMs: number,
  ) {}

  /** The worker the next call should go to. */
  pick(): PooledWorker {
    let best: PooledWorker | undefined;
    for (const worker of this.workers) {
      if (best === undefined || worker.inFlight.size < best.inFlight.size) best = worker;
    }
    if (best !== undefined && (best.inFlight.size === 0 || this.workers.length >= this.maxWorkers)) return best;
    const started = new PooledWorker(this.idleTimeoutMs, (gone) => {
      const index = this.workers.indexOf(gone);
      if (index !== -1) this.workers.splice(index, 1);
    });
    this.workers.push(started);
    return started;
  }

  /** How many workers are alive. */
  get size(): number {
    return this.workers.length;
  }

  /** Ends every worker; calls in flight fail with `BrokenResourceError`. */
  async shutdown(): Promise<void> {
    await Promise.all([...this.workers].map((worker) => worker.terminate()));
  }
}

let shared: WorkerPool | undefined;

/** @internal The process-wide pool. */
export function sharedPool(): WorkerPool {
  shared ??= new WorkerPool(Math.max(1, availableParallelism()), 10_000);
  return shared;
}
