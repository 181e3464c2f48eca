// Order statistics over raw samples. Medians and quartiles, never means: a shared machine adds
// long right tails (a GC pause, a neighbour's burst) that would drag a mean around.

/** Sorted copy of the samples. */
export function sorted(samples) {
  return Float64Array.from(samples).sort();
}

/** Quantile `q` (0..1) by linear interpolation between the closest ranks. */
export function quantile(sortedSamples, q) {
  const n = sortedSamples.length;
  if (n === 0) return Number.NaN;
  const position = (n - 1) * q;
  const below = Math.floor(position);
  const above = Math.min(below + 1, n - 1);
  const weight = position - below;
  return sortedSamples[below] * (1 - weight) + sortedSamples[above] * weight;
}

/** Median absolute deviation (unscaled). */
export function mad(sortedSamples) {
  const median = quantile(sortedSamples, 0.5);
  return quantile(sorted(Array.from(sortedSamples, (x) => Math.abs(x - median))), 0.5);
}

/** The summary that the report prints for one variant's metric. */
export function summarize(samples) {
  const s = sorted(samples);
  return {
    n: s.length,
    median: quantile(s, 0.5),
    p25: quantile(s, 0.25),
    p75: quantile(s, 0.75),
    mad: mad(s),
    min: s[0] ?? Number.NaN,
    max: s[s.length - 1] ?? Number.NaN,
  };
}
