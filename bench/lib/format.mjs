// Human units for medians and ratios.

/** A duration given in milliseconds, in the unit that keeps 3 significant digits readable. */
export function formatDuration(ms) {
  if (!Number.isFinite(ms)) return '—';
  const abs = Math.abs(ms);
  if (abs >= 1000) return `${(ms / 1000).toPrecision(3)} s`;
  if (abs >= 1) return `${ms.toPrecision(3)} ms`;
  if (abs >= 1e-3) return `${(ms * 1e3).toPrecision(3)} µs`;
  return `${(ms * 1e6).toPrecision(3)} ns`;
}

/** A byte count. */
export function formatBytes(bytes) {
  if (!Number.isFinite(bytes)) return '—';
  if (Math.abs(bytes) >= 2 ** 20) return `${(bytes / 2 ** 20).toPrecision(3)} MiB`;
  if (Math.abs(bytes) >= 2 ** 10) return `${(bytes / 2 ** 10).toPrecision(3)} KiB`;
  return `${Math.round(bytes)} B`;
}

/**
 * A value of a metric as declared by its scenario: `kind` ('time' in ms or 'bytes'), `per` (the
 * operations one sample covers) and, with `withRates`, the metric's `rates` (amounts one
 * iteration moves, shown per second).
 */
export function formatMetric(metric, value, { withRates = false } = {}) {
  const per = typeof metric.per === 'number' ? metric.per : 1;
  const unit = metric.perLabel ? `/${metric.perLabel}` : '';
  if (metric.kind === 'bytes') return `${formatBytes(value / per)}${unit}`;
  const text = `${formatDuration(value / per)}${unit}`;
  if (!withRates || !metric.rates) return text;
  const rates = metric.rates.map(({ amount, unit: rateUnit }) => `${Number((amount / (value / 1000)).toPrecision(3)).toLocaleString('en-US')} ${rateUnit}`);
  return `${text} (${rates.join(', ')})`;
}

/** A ratio, with enough digits to tell 0.02 from 0.03. */
export function formatRatio(ratio) {
  if (!Number.isFinite(ratio)) return '—';
  if (ratio >= 10) return `${ratio.toFixed(0)}x`;
  if (ratio >= 0.1) return `${ratio.toFixed(2)}x`;
  return `${ratio.toPrecision(2)}x`;
}

/** The target as a ratio bound: "≤ 1.50x" or "< 1.00x". */
export function formatTarget(target) {
  if (!target) return '—';
  return `${target.strict ? '<' : '≤'} ${formatRatio(target.max)} (${target.text})`;
}

/** The metric with `per` (and rate amounts) resolved: a string names a scenario parameter. */
export function resolveMetric(metric, params) {
  const per = typeof metric.per === 'string' ? params[metric.per] : metric.per;
  const rates = metric.rates?.map((rate) => ({ ...rate, amount: typeof rate.amount === 'string' ? params[rate.amount] : rate.amount }));
  return { ...metric, per, rates };
}
