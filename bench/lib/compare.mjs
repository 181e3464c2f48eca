// Ratios Corral/peer for each comparison a scenario declares, with the target verdict. Every
// ratio is a cost ratio (time or bytes, Corral over peer): below 1 means Corral costs less.
import { quantile, sorted, summarize } from './stats.mjs';

/** Median of each variant's pooled samples, per metric. */
export function summarizeVariants(variantResults) {
  const summaries = {};
  for (const [id, record] of Object.entries(variantResults)) {
    summaries[id] = {
      status: record.status,
      reason: record.reason,
      notes: record.notes,
      metrics: Object.fromEntries(Object.entries(record.metrics).map(([metric, samples]) => [metric, summarize(samples)])),
    };
  }
  return summaries;
}

function verdictFor(target, ratio, judged) {
  if (!target) return 'info';
  if (!judged) return 'not judged here';
  const hit = target.strict ? ratio < target.max : ratio <= target.max;
  return hit ? 'hit' : 'miss';
}

/** One row per comparison of `scenario` on `runtimeId`. */
export function compareOnRuntime(scenario, runtimeId, variantResults) {
  return scenario.comparisons.map((comparison) => {
    const subjectMetric = comparison.subjectMetric ?? comparison.metric;
    const versusMetric = comparison.versusMetric ?? comparison.metric;
    const row = {
      scenario: scenario.id,
      runtime: runtimeId,
      subject: comparison.subject,
      subjectMetric,
      versus: comparison.versus,
      versusMetric,
      target: comparison.target ?? null,
      headline: comparison.headline === true,
    };
    const judged = (comparison.runtimes ?? scenario.runtimes).includes(runtimeId);
    const a = variantResults[comparison.subject];
    const b = variantResults[comparison.versus];
    // A variant with no result at all (added after these results were measured) is missing too.
    if (a?.status !== 'ok' || b?.status !== 'ok') {
      const missing = a?.status !== 'ok' ? a : b;
      const status = missing?.status ?? 'not-run';
      return { ...row, verdict: status === 'crashed' ? 'crashed' : 'not available', reason: missing?.reason ?? 'not run' };
    }
    const aSamples = a.metrics[subjectMetric];
    const bSamples = b.metrics[versusMetric];
    if (!aSamples?.length || !bSamples?.length) return { ...row, verdict: 'not available', reason: 'no samples' };
    // Rounds pair the two variants in time (they ran one after the other), so the ratio is the
    // median of the per-round ratios: a round slowed by a neighbour's burst moves both sides.
    // Pooling samples instead would weigh fast rounds more (they fit more iterations in a budget).
    const roundRatios = [];
    for (let r = 0; r < Math.min(a.rounds.length, b.rounds.length); r++) {
      roundRatios.push(a.rounds[r][subjectMetric] / b.rounds[r][versusMetric]);
    }
    const ratio = roundRatios.length
      ? quantile(sorted(roundRatios), 0.5)
      : quantile(sorted(aSamples), 0.5) / quantile(sorted(bSamples), 0.5);
    return {
      ...row,
      ratio,
      roundRatioMin: roundRatios.length ? Math.min(...roundRatios) : ratio,
      roundRatioMax: roundRatios.length ? Math.max(...roundRatios) : ratio,
      verdict: verdictFor(comparison.target, ratio, judged),
    };
  });
}

/**
 * Recomputes every scenario's comparisons from the raw per-round results, with the scenario
 * definitions of this checkout (so `--render` and `--update` apply the current method).
 */
export function recompare(results, definitions) {
  for (const scenario of results.scenarios) {
    const definition = definitions.find((d) => d.id === scenario.id);
    if (!definition) continue;
    scenario.comparisons = Object.entries(scenario.perRuntime).flatMap(([runtimeId, perRuntime]) =>
      compareOnRuntime(definition, runtimeId, perRuntime.raw),
    );
  }
  return results;
}
