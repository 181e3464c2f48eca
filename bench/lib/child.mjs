// One measurement in a fresh process: loads one variant module, measures it, writes the raw
// samples as JSON to the file the parent named, and exits. Running each variant in its own
// process keeps one variant from changing the process for the next (on Node 20 and 22, turning
// AsyncLocalStorage on slows every later promise in the process).
//
// Usage: <runtime> bench/lib/child.mjs '<json spec>'
//   spec = { module, params, timing: 'tinybench' | 'custom', budget, output }
// A variant module exports `setup(params)`, which returns `{ iteration, teardown? }`:
// - with tinybench timing, `iteration()` is one timed call (it may return tinybench's
//   `{ overriddenDuration }` to time only part of itself), and the samples are milliseconds;
// - with custom timing, `iteration()` returns `{ metrics: { name: value } }`, one sample each.
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { Bench } from 'tinybench';
import { isMissingCorral, NotAvailable } from './not-available.mjs';

const spec = JSON.parse(process.argv[2]);

function finish(result) {
  writeFileSync(spec.output, JSON.stringify(result));
  // Pools, listeners and timers of a variant must not keep the process (and the run) alive.
  process.exit(0);
}

async function measureWithTinybench(iteration, budget) {
  const bench = new Bench({
    time: budget.time,
    iterations: budget.iterations,
    warmupTime: budget.warmupTime,
    warmupIterations: budget.warmupIterations,
    retainSamples: true,
    throws: true,
  });
  bench.add('variant', iteration);
  await bench.run();
  const result = bench.tasks[0].result;
  if (result.state === 'errored') throw result.error;
  return { time: Array.from(result.latency.samples ?? []) };
}

async function measureCustom(iteration, budget) {
  for (let i = 0; i < budget.warmupIterations; i++) await iteration();
  const metrics = {};
  for (let i = 0; i < budget.iterations; i++) {
    const sample = await iteration();
    for (const [name, value] of Object.entries(sample.metrics)) (metrics[name] ??= []).push(value);
  }
  return metrics;
}

let variant;
try {
  const module = await import(pathToFileURL(spec.module).href);
  variant = await module.setup(spec.params);
} catch (error) {
  if (error instanceof NotAvailable || isMissingCorral(error)) {
    finish({ status: 'not-available', reason: String(error.message).split('\n')[0] });
  }
  throw error;
}
const metrics =
  spec.timing === 'custom' ? await measureCustom(variant.iteration, spec.budget) : await measureWithTinybench(variant.iteration, spec.budget);
await variant.teardown?.();
finish({ status: 'ok', metrics });
