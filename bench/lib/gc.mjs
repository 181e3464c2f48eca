// A full garbage collection on each runtime: Node and Deno expose V8's `gc` with --expose-gc
// (lib/runtimes.mjs passes it), Bun has `Bun.gc(true)`.

/** Whether `fullGc` can really collect in this process. */
export function canCollect() {
  return typeof globalThis.gc === 'function' || typeof globalThis.Bun?.gc === 'function';
}

/** Runs a full, synchronous collection, twice (the second sweeps what finalizers freed). */
export function fullGc() {
  for (let i = 0; i < 2; i++) {
    if (typeof globalThis.gc === 'function') globalThis.gc();
    else if (typeof globalThis.Bun?.gc === 'function') globalThis.Bun.gc(true);
    else throw new Error('no way to force a garbage collection: run with --expose-gc');
  }
}

/** Bytes of live JavaScript heap after a full collection. */
export function liveHeapBytes() {
  fullGc();
  return process.memoryUsage().heapUsed;
}
