/**
 * mulberry32, a small seeded generator of numbers in [0, 1): the same seed gives the same
 * sequence on every machine and runtime, so randomized tests and samples can be replayed.
 *
 * @example
 * const random = seededRandom(20_261_130);
 * const index = Math.floor(random() * items.length);
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
