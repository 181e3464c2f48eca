// `npm run bench`: every performance figure of the project, measured as ratios against peers in
// one invocation, written to bench/results/*.json and (for a full run) to docs/benchmarks.md.
//
//   npm run bench                      full run, all scenarios, all runtimes; writes the docs
//   npm run bench -- --quick           small sizes, one round, mostly Node 20: checks that every
//                                      scenario still runs (figures not meaningful); no docs
//   npm run bench -- --only=lock-contended,spawn-join --runtimes=node20,bun --rounds=2
//   npm run bench -- --render=bench/results/latest-full.json   regenerate the docs only
//   npm run bench -- --only=to-thread-sequential --update   re-measure some scenarios (each with
//                                      all its peers) into latest-full.json and rewrite the docs
//
// Exit code: non-zero only when a scenario crashed (a missed target is a result, not a failure).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { compareOnRuntime, recompare, summarizeVariants } from './lib/compare.mjs';
import { describeMachine } from './lib/machine.mjs';
import { resultsDir } from './lib/paths.mjs';
import { printSummary, writeDocs } from './lib/report.mjs';
import { runScenarioOnRuntime } from './lib/runner.mjs';
import { resolveRuntimes } from './lib/runtimes.mjs';
import { scenarios as allScenarios } from './scenarios/index.mjs';

const { values: options } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    runtimes: { type: 'string' },
    rounds: { type: 'string' },
    docs: { type: 'boolean', default: false },
    update: { type: 'boolean', default: false },
    render: { type: 'string' },
  },
});

const log = (line) => console.log(line);

if (options.render) {
  const results = recompare(JSON.parse(readFileSync(options.render, 'utf8')), allScenarios);
  writeDocs(results, log);
  process.exit(0);
}

const mode = options.quick ? 'quick' : 'full';
const only = options.only?.split(',');
const runtimeFilter = options.runtimes?.split(',');
const selected = allScenarios.filter((s) => !only || only.includes(s.id));
if (only) {
  const unknown = only.filter((id) => !allScenarios.some((s) => s.id === id));
  if (unknown.length > 0) throw new Error(`unknown scenario(s) ${unknown.join(', ')}; known: ${allScenarios.map((s) => s.id).join(', ')}`);
}
// Checked before measuring, so that a misuse does not cost a whole run first.
if (options.update && (mode !== 'full' || runtimeFilter || options.rounds)) {
  throw new Error('--update re-measures whole scenarios in full mode: no --quick, --runtimes or --rounds');
}

const runtimesOf = (scenario) =>
  (mode === 'quick' ? (scenario.quickRuntimes ?? ['node20']) : scenario.runtimes).filter((id) => !runtimeFilter || runtimeFilter.includes(id));
const wantedRuntimeIds = [...new Set(selected.flatMap(runtimesOf))];
const runtimes = resolveRuntimes(wantedRuntimeIds, log);

const started = new Date();
log(`corral bench (${mode}): ${selected.length} scenarios on ${runtimes.map((r) => (r.available ? r.version : `${r.id} (unavailable)`)).join(', ')}`);

const scenarioResults = [];
for (const scenario of selected) {
  if (runtimesOf(scenario).length === 0) {
    log(`\n== ${scenario.id}: skipped in ${mode} mode`);
    continue;
  }
  const scenarioStarted = Date.now();
  log(`\n== ${scenario.id}: ${scenario.title}`);
  const rounds = options.rounds ? { ...scenario.rounds, [mode]: Number(options.rounds) } : scenario.rounds;
  let prepared = { available: true };
  if (scenario.prepare) {
    try {
      prepared = await scenario.prepare(mode, log);
    } catch (error) {
      prepared = { available: false, crashed: true, reason: `preparation failed: ${error.stack ?? error}` };
    }
  }
  const perRuntime = {};
  const comparisons = [];
  for (const runtimeId of runtimesOf(scenario)) {
    const runtime = runtimes.find((r) => r.id === runtimeId);
    let variantResults;
    if (!runtime.available || !prepared.available) {
      const status = prepared.crashed ? 'crashed' : 'not-available';
      const reason = runtime.available ? prepared.reason : runtime.reason;
      log(`  ${runtimeId}: ${status}: ${reason}`);
      variantResults = Object.fromEntries(scenario.variants.map((v) => [v.id, { status, reason, metrics: {}, rounds: [] }]));
    } else {
      variantResults = await runScenarioOnRuntime(runtime, { ...scenario, ...prepared.overrides, rounds }, mode, log);
    }
    perRuntime[runtimeId] = { variants: summarizeVariants(variantResults), raw: variantResults };
    comparisons.push(...compareOnRuntime(scenario, runtimeId, variantResults));
  }
  scenarioResults.push({
    id: scenario.id,
    title: scenario.title,
    issue: scenario.issue,
    description: scenario.description,
    runtimes: scenario.runtimes,
    params: { ...scenario.params[mode], ...prepared.params },
    metrics: prepared.metrics ?? scenario.metrics,
    variants: scenario.variants.map(({ id, role, label, module }) => ({ id, role, label, module })),
    perRuntime,
    comparisons,
    seconds: (Date.now() - scenarioStarted) / 1000,
    measuredAt: new Date(scenarioStarted).toISOString(),
  });
}

let results = {
  mode,
  startedAt: started.toISOString(),
  finishedAt: new Date().toISOString(),
  complete: !only && !runtimeFilter && !options.rounds,
  machine: describeMachine(runtimes),
  scenarios: scenarioResults,
};
// Each updated scenario still ran every one of its peers in this invocation; only whole
// scenarios are replaced. A run of every scenario replaces the page outright, so its header
// gives this run's time and commit, not those of the run it replaced.
if (options.update && only) {
  const previous = JSON.parse(readFileSync(path.join(resultsDir, 'latest-full.json'), 'utf8'));
  const fresh = new Map(scenarioResults.map((s) => [s.id, s]));
  results = {
    ...previous,
    updatedAt: results.finishedAt,
    updatedCommit: results.machine.commit,
    scenarios: allScenarios.map((s) => fresh.get(s.id) ?? previous.scenarios.find((p) => p.id === s.id)).filter(Boolean),
  };
  results.complete = allScenarios.every((s) => results.scenarios.some((r) => r.id === s.id));
  recompare(results, allScenarios);
}
mkdirSync(resultsDir, { recursive: true });
const stamp = started.toISOString().replace(/[:.]/g, '-');
writeFileSync(path.join(resultsDir, `${stamp}-${mode}.json`), JSON.stringify(results, null, 1));
// latest-full.json is what --update and --render build on: a partial run (--only, --runtimes or
// --rounds without --update) keeps only its own timestamped file, so it never drops the other
// scenarios' results from it.
const latest = mode === 'full' && !results.complete && !options.update ? undefined : `latest-${mode}.json`;
if (latest) writeFileSync(path.join(resultsDir, latest), JSON.stringify(results, null, 1));
log(`\nresults: bench/results/${latest ?? `${stamp}-${mode}.json (a partial run: latest-full.json left as it was)`}`);

const crashed = printSummary(results, log);
if (mode === 'full' && (results.complete || options.docs)) writeDocs(results, log);
else log(`docs/benchmarks.md left alone (${mode === 'quick' ? '--quick run' : 'partial run; pass --docs to write it anyway'})`);
log(`total ${((Date.now() - started.getTime()) / 1000).toFixed(1)} s`);
process.exit(crashed > 0 ? 1 : 0);
