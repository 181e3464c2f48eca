// Issue 6: whole ESLint runs on the corpora. no-leaked-tasks alone against
// @typescript-eslint/no-floating-promises alone (typed, type program included), and the untyped
// rules' overhead on an untyped run. Each run is a fresh `node` process timed from outside.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { benchDir, repoRoot } from '../lib/paths.mjs';
import { countLines, loadCorpus, sampleFiles } from '../tooling/corpora.mjs';
import { timedProcess } from '../tooling/timed-process.mjs';

const eslintRunner = path.join(benchDir, 'tooling', 'eslint-run.mjs');
const quickSample = 8;

async function pluginReady() {
  if (!existsSync(path.join(repoRoot, 'eslint-plugin', 'dist', 'index.js'))) return '@corral/eslint-plugin is not built (npx tsc -b)';
  try {
    const { default: plugin } = await import('@corral/eslint-plugin');
    if (!plugin?.rules?.['no-leaked-tasks']) return '@corral/eslint-plugin has no no-leaked-tasks rule yet';
  } catch (error) {
    return `@corral/eslint-plugin does not load: ${error.message}`;
  }
  return undefined;
}

async function runEslint(runtime, scenario, variant) {
  const spec = { root: scenario.corpus.root, tsconfig: scenario.corpus.tsconfigPath, files: scenario.files, parser: variant.parser, rules: variant.rules };
  const [command, args] = runtime.command(eslintRunner, [JSON.stringify(spec)]);
  const run = await timedProcess(command, args);
  if (run.code !== 0) return { status: 'crashed', reason: `eslint run exited with ${run.code ?? run.signal}: ${(run.stdout + run.stderr).trim().slice(-600)}` };
  return { status: 'ok', wallMs: run.ms, metrics: { time: [run.ms] }, note: run.stdout.trim().split('\n').pop() };
}

function eslintScenario({ kind, corpusName }) {
  const typed = kind === 'typed';
  return {
    id: `eslint-${kind}-${corpusName}`,
    title: typed ? `ESLint, no-leaked-tasks vs no-floating-promises, ${corpusName}` : `ESLint, untyped rules' overhead, ${corpusName}`,
    issue: 6,
    description: typed
      ? `Whole ESLint runs (a fresh process each: start-up, the typed parser building the type program from the corpus's tsconfig, linting) over the corpus's src/ files with one rule on. Each run loads ESLint, @typescript-eslint/parser and the plugin of its rule, nothing more. "typed, no rules" shows what the type program alone costs.`
      : `Whole ESLint runs with the untyped parser over the corpus's src/ files: no rules at all (the base), and every Corral rule that does not need type information (no-native-primitives checking every file). For information, the same pair with ESLint's no-debugger configured on both sides: any configured rule costs a fresh ESLint process about 10% here, whichever rule it is. Each run loads ESLint and @typescript-eslint/parser; only the Corral run loads @corral/eslint-plugin, so loading the plugin counts as part of the rules' cost.`,
    runtimes: ['node20'],
    // --quick lints a sample of mongodb only, to stay within its two minutes.
    quickRuntimes: corpusName === 'mongodb' ? ['node20'] : [],
    params: { full: { corpus: corpusName }, quick: { corpus: corpusName, sample: quickSample } },
    budget: { full: {}, quick: {} },
    // An untyped run takes about two seconds, so its overhead of a few percent is within what a
    // busy machine adds to one run: more rounds make the median of the paired ratios steadier.
    rounds: { full: typed ? 3 : 7, quick: 1 },
    timeoutMs: { full: 600_000, quick: 120_000 },
    metrics: { time: { kind: 'time', per: 1, perLabel: '' } },
    variants: typed
      ? [
          { id: 'no-leaked-tasks', role: 'corral', label: '@corral/no-leaked-tasks alone (typed)', module: 'tooling/eslint-run.mjs', parser: 'typed', rules: 'no-leaked-tasks' },
          { id: 'no-floating-promises', role: 'peer', label: '@typescript-eslint/no-floating-promises alone (typed)', module: 'tooling/eslint-run.mjs', parser: 'typed', rules: 'no-floating-promises', quick: false },
          { id: 'typed-no-rules', role: 'floor', label: 'typed parser, no rules', module: 'tooling/eslint-run.mjs', parser: 'typed', rules: 'none', quick: false },
        ]
      : [
          { id: 'corral-untyped', role: 'corral', label: 'every untyped Corral rule (untyped parser)', module: 'tooling/eslint-run.mjs', parser: 'untyped', rules: 'corral-untyped' },
          { id: 'untyped-no-rules', role: 'floor', label: 'untyped parser, no rules', module: 'tooling/eslint-run.mjs', parser: 'untyped', rules: 'none' },
          { id: 'corral-untyped-with-core-rule', role: 'corral', label: 'no-debugger and every untyped Corral rule (untyped parser)', module: 'tooling/eslint-run.mjs', parser: 'untyped', rules: 'core-baseline+corral-untyped', quick: false },
          { id: 'untyped-core-rule', role: 'floor', label: 'untyped parser, no-debugger alone', module: 'tooling/eslint-run.mjs', parser: 'untyped', rules: 'core-baseline', quick: false },
        ],
    comparisons: typed
      ? [
          { subject: 'no-leaked-tasks', versus: 'no-floating-promises', metric: 'time', target: { max: 1.1, text: 'at most 1.1x no-floating-promises' }, runtimes: ['node20'], headline: true },
          { subject: 'no-leaked-tasks', versus: 'typed-no-rules', metric: 'time' },
          { subject: 'no-floating-promises', versus: 'typed-no-rules', metric: 'time' },
        ]
      : [
          // The issue's definition: an untyped run with no rules is the base.
          { subject: 'corral-untyped', versus: 'untyped-no-rules', metric: 'time', target: { max: 1.1, text: 'untyped rules add at most 10%' }, runtimes: ['node20'], headline: true },
          // For information: the same rules over a base that has one cheap core rule configured.
          { subject: 'corral-untyped-with-core-rule', versus: 'untyped-core-rule', metric: 'time' },
          { subject: 'untyped-core-rule', versus: 'untyped-no-rules', metric: 'time' },
        ],
    async prepare(mode) {
      const notReady = await pluginReady();
      if (notReady) return { available: false, reason: notReady };
      const loaded = await loadCorpus(corpusName, { allowFetch: mode === 'full' });
      if (!loaded.available) return loaded;
      const files = mode === 'quick' ? sampleFiles(loaded.corpus.files, quickSample) : [...loaded.corpus.files];
      return {
        available: true,
        params: { files: files.length, lines: countLines(files) },
        overrides: { corpus: loaded.corpus, files },
      };
    },
    runVariant: (runtime, scenario, variant) => runEslint(runtime, scenario, variant),
  };
}

export const eslintScenarios = ['mongodb', 'puppeteer-core'].flatMap((corpusName) => [
  eslintScenario({ kind: 'typed', corpusName }),
  eslintScenario({ kind: 'untyped', corpusName }),
]);
