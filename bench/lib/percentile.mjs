// Percentile of a list of latencies, for scenarios that report tail latency.
import { quantile, sorted } from './stats.mjs';

/** The `q` quantile (0..1) of `values`. */
export function percentile(values, q) {
  return quantile(sorted(values), q);
}
