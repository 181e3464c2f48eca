// Runs one scenario on one runtime: every variant in its own fresh process, alternating, for
// several rounds, with the order rotated each round so that no variant always runs first (or
// always right after the same neighbour). Samples of all rounds are pooled per variant and metric.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchDir, repoRoot } from './paths.mjs';
import { quantile, sorted } from './stats.mjs';

const childScript = path.join(benchDir, 'lib', 'child.mjs');

/** Runs a command, killing it after `timeoutMs`; resolves with its exit status and output tail. */
function runProcess(command, args, timeoutMs) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk) => {
      output = (output + chunk.toString()).slice(-4000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, timedOut, output });
    });
  });
}

/** Runs one variant once in a fresh process and returns its result record. */
export async function runVariantOnce(runtime, scenario, variant, mode) {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'corral-bench-'));
  const output = path.join(scratch, 'result.json');
  const spec = {
    module: path.join(benchDir, variant.module),
    params: { ...scenario.params[mode], ...variant.params },
    timing: scenario.timing ?? 'tinybench',
    // A slow variant may take fewer samples (never a smaller workload).
    budget: { ...scenario.budget[mode], ...variant.budget?.[mode] },
    output,
  };
  const [command, args] = runtime.command(childScript, [JSON.stringify(spec)], { exposeGc: scenario.needsGc === true });
  const started = Date.now();
  const result = await runProcess(command, args, scenario.timeoutMs?.[mode] ?? 120_000);
  const wallMs = Date.now() - started;
  try {
    if (result.code === 0) return { ...JSON.parse(readFileSync(output, 'utf8')), wallMs };
    const why = result.timedOut ? 'timed out' : `exited with ${result.code ?? result.signal}`;
    return { status: 'crashed', reason: `${why}: ${result.output.trim().split('\n').slice(-6).join(' | ')}`, wallMs };
  } catch (error) {
    return { status: 'crashed', reason: `no result: ${error.message}; ${result.output.trim().slice(-500)}`, wallMs };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * Runs every variant of `scenario` on `runtime` for the scenario's number of rounds. Returns, per
 * variant, its status and pooled samples per metric (and per round, for the round-by-round ratios).
 */
export async function runScenarioOnRuntime(runtime, scenario, mode, log) {
  const rounds = scenario.rounds[mode];
  // A variant marked `quick: false` (a slow, secondary one) is left out of --quick runs.
  const selected = scenario.variants.filter((v) => mode !== 'quick' || v.quick !== false);
  const variants = new Map(
    scenario.variants.map((v) => [v.id, selected.includes(v) ? { status: 'ok', metrics: {}, rounds: [] } : { status: 'skipped', reason: 'left out of --quick runs', metrics: {}, rounds: [] }]),
  );
  for (let round = 0; round < rounds; round++) {
    const order = selected.map((_, i) => selected[(i + round) % selected.length]);
    for (const variant of order) {
      const record = variants.get(variant.id);
      if (record.status !== 'ok') continue;
      const result = await (scenario.runVariant ?? runVariantOnce)(runtime, scenario, variant, mode);
      if (result.status !== 'ok') {
        record.status = result.status;
        record.reason = result.reason;
        log(`  ${runtime.id} ${scenario.id}/${variant.id}: ${result.status}: ${result.reason}`);
        continue;
      }
      // A tool's output (its own summary line) is kept from the last round only.
      if (result.note) record.notes = [result.note];
      const roundMedians = {};
      for (const [metric, samples] of Object.entries(result.metrics)) {
        (record.metrics[metric] ??= []).push(...samples);
        roundMedians[metric] = quantile(sorted(samples), 0.5);
      }
      record.rounds.push(roundMedians);
      log(`  ${runtime.id} ${scenario.id}/${variant.id} round ${round + 1}/${rounds}: ${formatRound(roundMedians)} (${(result.wallMs / 1000).toFixed(1)} s)`);
    }
  }
  return Object.fromEntries(variants);
}

function formatRound(medians) {
  return Object.entries(medians)
    .map(([metric, value]) => `${metric} ${Number(value.toPrecision(4))}`)
    .join(', ');
}
