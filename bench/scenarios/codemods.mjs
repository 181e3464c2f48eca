// Issue 7: corral-migrate's Promise.all rewrite against a jscodeshift run of the equivalent
// transform on the same files, each a whole process on a fresh copy of the corpus (program build
// included); corral-migrate --verify (type-check before and after) is timed separately.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { benchDir, repoRoot } from '../lib/paths.mjs';
import { copyCorpus, countLines, loadCorpus, sampleFiles } from '../tooling/corpora.mjs';
import { timedProcess } from '../tooling/timed-process.mjs';

const migrateCli = path.join(repoRoot, 'codemods', 'dist', 'cli.js');
const jscodeshiftCli = path.join(repoRoot, 'node_modules', 'jscodeshift', 'bin', 'jscodeshift.js');
const jscodeshiftTransform = path.join(benchDir, 'peers', 'jscodeshift-gather.cjs');
const transformName = 'promise-all-to-gather';
const quickSample = 8;

async function migrateReady() {
  if (!existsSync(migrateCli)) return '@corral/codemods is not built (npx tsc -b)';
  const list = await timedProcess(process.execPath, [migrateCli, '--list']);
  if (list.code !== 0) return `corral-migrate --list failed: ${list.stderr.trim().slice(-300)}`;
  if (!list.stdout.split('\n').some((line) => line.startsWith(`${transformName}\t`))) return `corral-migrate has no ${transformName} transform yet`;
  return undefined;
}

function commandFor(variant, copyRoot, files) {
  if (variant.tool === 'jscodeshift') {
    return [jscodeshiftCli, ['--transform', jscodeshiftTransform, '--parser=ts', '--extensions=ts', '--silent', ...files]];
  }
  return [migrateCli, [...files, '--transform', transformName, '--root', copyRoot, '--tsconfig', path.join(copyRoot, 'tsconfig.json'), ...(variant.verify ? ['--verify'] : [])]];
}

async function runTool(runtime, scenario, variant) {
  const copy = copyCorpus(scenario.corpus);
  try {
    const files = scenario.files.map((file) => path.join(copy.root, path.relative(scenario.corpus.root, file)));
    const [script, args] = commandFor(variant, copy.root, files);
    const [command, fullArgs] = runtime.command(script, args);
    const run = await timedProcess(command, fullArgs, { cwd: copy.root });
    // corral-migrate exits 1 when it kept a file unchanged for safety (a --verify restore): a
    // result to report, not a crash. 2 is a usage error, a signal is a crash.
    const acceptable = variant.tool === 'jscodeshift' ? [0] : [0, 1];
    if (!acceptable.includes(run.code)) {
      return { status: 'crashed', reason: `${variant.tool} exited with ${run.code ?? run.signal}: ${(run.stdout + run.stderr).trim().slice(-600)}` };
    }
    const summary = run.stdout.trim().split('\n').slice(-3).join(' / ');
    return { status: 'ok', wallMs: run.ms, metrics: { time: [run.ms] }, note: `exit ${run.code}: ${summary}` };
  } finally {
    copy.remove();
  }
}

function codemodScenario(corpusName) {
  return {
    id: `codemods-${corpusName}`,
    title: `corral-migrate vs jscodeshift, Promise.all rewrite, ${corpusName}`,
    issue: 7,
    description:
      'Each run is a whole process over a fresh copy of the corpus\'s src/ files (copying is not timed): corral-migrate --transform promise-all-to-gather (its compiler program and type checker over the whole project included) against jscodeshift --parser=ts with bench/peers/jscodeshift-gather.cjs, the equivalent rewrite of the two common shapes (jscodeshift rewrites fewer sites: no pushed lists, no lists of promises made earlier, and no type checks). corral-migrate --verify, which type-checks before and after, is timed as its own variant.',
    runtimes: ['node20'],
    // --quick rewrites a sample of mongodb only, to stay within its two minutes.
    quickRuntimes: corpusName === 'mongodb' ? ['node20'] : [],
    params: { full: { corpus: corpusName }, quick: { corpus: corpusName, sample: quickSample } },
    budget: { full: {}, quick: {} },
    rounds: { full: 3, quick: 1 },
    metrics: { time: { kind: 'time', per: 1, perLabel: '' } },
    variants: [
      { id: 'corral-migrate', role: 'corral', label: 'corral-migrate --transform promise-all-to-gather', module: 'scenarios/codemods.mjs', tool: 'corral-migrate' },
      { id: 'jscodeshift', role: 'peer', label: 'jscodeshift 17.4.0 --parser=ts (bench/peers/jscodeshift-gather.cjs)', module: 'peers/jscodeshift-gather.cjs', tool: 'jscodeshift' },
      { id: 'corral-migrate-verify', role: 'corral', label: 'corral-migrate --transform promise-all-to-gather --verify', module: 'scenarios/codemods.mjs', tool: 'corral-migrate', verify: true, quick: false },
    ],
    comparisons: [
      { subject: 'corral-migrate', versus: 'jscodeshift', metric: 'time', target: { max: 1, text: 'at least as fast as jscodeshift' }, runtimes: ['node20'], headline: true },
      { subject: 'corral-migrate-verify', versus: 'jscodeshift', metric: 'time' },
      { subject: 'corral-migrate-verify', versus: 'corral-migrate', metric: 'time' },
    ],
    async prepare(mode) {
      const notReady = await migrateReady();
      if (notReady) return { available: false, reason: notReady };
      const loaded = await loadCorpus(corpusName, { allowFetch: mode === 'full' });
      if (!loaded.available) return loaded;
      const files = mode === 'quick' ? sampleFiles(loaded.corpus.files, quickSample) : [...loaded.corpus.files];
      const lines = countLines(files);
      return {
        available: true,
        params: { files: files.length, lines },
        overrides: { corpus: loaded.corpus, files },
        metrics: { time: { kind: 'time', per: 1, perLabel: '', rates: [{ amount: files.length, unit: 'files/s' }, { amount: lines, unit: 'lines/s' }] } },
      };
    },
    runVariant: (runtime, scenario, variant) => runTool(runtime, scenario, variant),
  };
}

export const codemodScenarios = ['mongodb', 'puppeteer-core'].map(codemodScenario);
