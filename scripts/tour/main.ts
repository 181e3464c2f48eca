/**
 * The Corral tour: lint a project with `@corral/eslint-plugin`, show what `corral-migrate` would
 * change, migrate a copy with `--verify` and lint it again, run the legacy and the migrated
 * crawler against the same failing site, and sum up.
 *
 * Usage: npm start [-- [--json <file>] <path>]   (no path: the bundled examples/legacy-crawler)
 * `--json <file>` also writes the tour's facts (findings, changes, both runs, step outcomes) as JSON.
 */
import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { explainLegacy, probeApp, reportRun, siteDescription } from './behaviour.js';
import { groupByRule, lintProject, type Finding, type LintReport } from './lint.js';
import { runMigrate, type MigrateRun } from './migrate.js';
import { changedFiles, copyProject, describeProject, pathExists, repoRoot, type Project } from './project.js';
import type { ProbeResult } from './probe.js';
import { explainRemaining, skipReasons } from './remaining.js';
import { NotApplicable, StepFailed, Unavailable, UsageError, type StepOutcome } from './steps.js';
import { colour, colourDiff, dim, failure, heading, indent, plural, unavailable, write } from './ui.js';

const TOTAL_STEPS = 5;
const USAGE = [
  'usage: npm start -- [--json <file>] [path]',
  '  path         a TypeScript project to tour (default: the bundled examples/legacy-crawler);',
  '               it is linted in place and migrated on a temporary copy, never modified',
  '  --json file  also write the facts of the tour (findings, changes, runs, steps) as JSON',
].join('\n');
const DIFF_LINE_LIMIT = 400;

interface TourState {
  project: Project;
  before?: LintReport;
  after?: LintReport;
  copy?: string;
  migrated?: MigrateRun;
  changed?: string[];
  runs?: { legacy: ProbeResult; migrated: ProbeResult };
}

interface Arguments {
  path: string | undefined;
  json: string | undefined;
}

function parseArguments(argv: readonly string[]): Arguments {
  const parsed: Arguments = { path: undefined, json: undefined };
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] ?? '';
    if (arg === '--json') parsed.json = argv[++index];
    else if (arg.startsWith('--json=')) parsed.json = arg.slice('--json='.length);
    else if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}\n${USAGE}`);
    else parsed.path = arg;
  }
  return parsed;
}

function lintFacts(report: LintReport | undefined): unknown {
  if (report === undefined) return null;
  const byRule: Record<string, string[]> = {};
  for (const [rule, findings] of groupByRule(report.findings)) {
    byRule[rule] = findings.map((finding) => `${finding.file}:${finding.line}`);
  }
  return { total: report.findings.length, byRule, fatal: report.fatal.length, notes: report.notes };
}

async function runStep(
  outcomes: StepOutcome[],
  number: number,
  title: string,
  body: () => Promise<void>,
): Promise<void> {
  heading(number, TOTAL_STEPS, title);
  const started = performance.now();
  const outcome: StepOutcome = { title, status: 'ok', ms: 0 };
  try {
    await body();
  } catch (error) {
    if (error instanceof Unavailable) {
      outcome.status = 'unavailable';
      unavailable(error.message);
    } else if (error instanceof NotApplicable) {
      outcome.status = 'not-applicable';
      write(indent(dim(`not applicable: ${error.message}`)));
    } else {
      outcome.status = 'failed';
      failure(error instanceof StepFailed ? error.message : ((error as Error).stack ?? String(error)));
    }
    outcome.reason = (error as Error).message;
  }
  outcome.ms = performance.now() - started;
  outcomes.push(outcome);
}

function printFindings(report: LintReport, explanations?: Map<Finding, string>): void {
  for (const [rule, findings] of groupByRule(report.findings)) {
    write(indent(colour.bold(`${rule} (${findings.length})`)));
    for (const finding of findings) {
      write(indent(`${colour.underline(`${finding.file}:${finding.line}`)}  ${finding.message}`, 4));
      const why = explanations?.get(finding);
      if (why !== undefined) write(indent(colour.magenta(`why it remains: ${why}`), 6));
    }
  }
  for (const finding of report.fatal) write(indent(colour.red(`could not lint ${finding.file}: ${finding.message}`)));
  for (const note of report.notes) write(indent(colour.yellow(`note: ${note}`)));
  const files = new Set(report.findings.map((finding) => finding.file)).size;
  write(
    indent(
      `${plural(report.findings.length, 'finding')} in ${plural(files, 'file')}, ` +
        `${plural(groupByRule(report.findings).size, 'rule')} of ${report.ruleCount} reporting, ${plural(report.fileCount, 'file')} linted`,
    ),
  );
}

function printDiff(diff: string): void {
  const lines = diff.trimEnd().split('\n');
  const shown = lines.slice(0, DIFF_LINE_LIMIT).join('\n');
  write(indent(colourDiff(shown)));
  if (lines.length > DIFF_LINE_LIMIT) write(indent(dim(`... ${lines.length - DIFF_LINE_LIMIT} more lines of diff`)));
}

function buildPackages(): void {
  write(dim('Building Corral (scripts/build.mjs, as npm run build does) ...'));
  const build = spawnSync(process.execPath, [join(repoRoot, 'scripts/build.mjs')], { cwd: repoRoot, encoding: 'utf8' });
  if (build.status !== 0) {
    write(colour.yellow('The build reported errors; the tour goes on with whatever was built:'));
    write(indent(dim(`${build.stdout}${build.stderr}`.trim().split('\n').slice(0, 10).join('\n'))));
  }
}

async function main(): Promise<number> {
  const tourStarted = performance.now();
  const args = parseArguments(process.argv.slice(2));
  let described: Project;
  try {
    described = await describeProject(args.path);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const state: TourState = { project: described };
  const { project } = state;
  write(colour.bold('Corral tour'));
  write(
    dim(
      project.bundled
        ? 'A small crawler written with Promise.all, p-limit, timer sleeps and hand-made timeouts is linted,\n' +
            'migrated to Corral by corral-migrate, and run, before and after, against a site with a failing page.'
        : 'Your project is linted and migrated on a temporary copy; its own files are not touched.',
    ),
  );
  write(`project: ${project.label} (${plural(project.files.length, 'TypeScript file')})`);
  buildPackages();
  const outcomes: StepOutcome[] = [];

  await runStep(outcomes, 1, 'Lint with @corral/eslint-plugin (every rule, every file)', async () => {
    state.before = await lintProject(project.dir, project.files);
    printFindings(state.before);
  });

  await runStep(outcomes, 2, 'corral-migrate --dry-run: what would change', async () => {
    const run = await runMigrate(project.dir, ['--dry-run']);
    write(indent(dim(`$ ${run.command}`)));
    printDiff(run.stdout);
    if (run.stderr.trim() !== '') write(indent(dim(run.stderr.trim())));
    if (run.exitCode !== 0) throw new StepFailed(`corral-migrate --dry-run exited with ${run.exitCode}`);
  });

  await runStep(outcomes, 3, 'Migrate a copy with --verify, then lint it again', async () => {
    state.copy = await copyProject(project);
    write(indent(`copy: ${state.copy} (it stays there for you to read)`));
    const run = await runMigrate(state.copy, ['--verify'], join(state.copy, '..', 'corral-migrate.json'));
    state.migrated = run;
    write(indent(dim(`$ ${run.command}`)));
    write(indent(run.stdout.trim()));
    if (run.stderr.trim() !== '') write(indent(run.stderr.trim()));
    state.changed = await changedFiles(project, state.copy);
    write(indent(`${plural(state.changed.length, 'file')} changed: ${state.changed.join(', ') || 'none'}`));
    if (run.exitCode !== 0) throw new StepFailed(`corral-migrate --verify exited with ${run.exitCode}`);
    state.after = await lintProject(state.copy, project.files);
    write(indent(colour.bold('What the linter still reports, and why:')));
    printFindings(state.after, explainRemaining(state.before, state.after, skipReasons(run.report)));
  });

  await runStep(outcomes, 4, 'Run the legacy and the migrated app against the same failure', async () => {
    if (!project.bundled) throw new NotApplicable('this step runs the bundled crawler; your project has no probe');
    if (state.copy === undefined || state.migrated === undefined || state.migrated.exitCode !== 0) {
      throw new Unavailable('there is no migrated copy (step 3 did not complete)');
    }
    if (!(await pathExists(join(repoRoot, 'runtime/dist/index.js')))) {
      throw new Unavailable('@corral/runtime is not built (runtime/dist/index.js is missing), so the migrated crawler cannot run');
    }
    write(indent(`site: ${siteDescription}`));
    const legacy = await probeApp(project.dir);
    const migrated = await probeApp(state.copy);
    state.runs = { legacy, migrated };
    const legacyProblems = reportRun('legacy app (native promises):', legacy);
    explainLegacy(legacy);
    const migratedProblems = reportRun('migrated app (exactly what corral-migrate wrote):', migrated);
    if (legacyProblems.length === 0) write(indent(colour.yellow('note: the legacy app showed none of its bugs on this run')));
    if (migrated.outcome !== 'failed') migratedProblems.push('the injected failure did not fail the crawl');
    if (migratedProblems.length > 0) throw new StepFailed(`the migrated app: ${migratedProblems.join('; ')}`);
  });

  await runStep(outcomes, 5, 'Summary', () => {
    const count = (report: LintReport | undefined): string => (report ? String(report.findings.length) : 'n/a');
    write(indent(`lint findings: ${count(state.before)} before, ${count(state.after)} after migration`));
    write(indent(`files changed by corral-migrate: ${state.changed ? state.changed.length : 'n/a'} of ${project.files.length}`));
    if (state.runs !== undefined) {
      const { legacy, migrated } = state.runs;
      const afterFailure = (run: ProbeResult): string =>
        run.quiet.atMs - run.settled.atMs > 0 && (run.settled.inFlight.length > 0 || run.settled.pendingTimers.length > 0)
          ? `work went on for ${run.quiet.atMs - run.settled.atMs} ms after crawl() failed`
          : 'nothing ran after crawl() returned';
      write(indent(`legacy crawler: ${plural(legacy.lost.length, 'error')} lost, ${afterFailure(legacy)}`));
      write(indent(`migrated crawler: ${plural(migrated.lost.length, 'error')} lost, ${afterFailure(migrated)}`));
    }
    for (const outcome of outcomes) {
      const mark = outcome.status === 'ok' ? colour.green('ok') : outcome.status === 'failed' ? colour.red('FAILED') : colour.yellow(outcome.status);
      write(indent(`${mark}  ${outcome.title} (${(outcome.ms / 1000).toFixed(1)} s)`));
    }
    write(indent(`total: ${((performance.now() - tourStarted) / 1000).toFixed(1)} s`));
    return Promise.resolve();
  });

  if (args.json !== undefined) {
    const facts = {
      project: project.label,
      files: project.files.length,
      steps: outcomes,
      lint: { before: lintFacts(state.before), after: lintFacts(state.after) },
      changedFiles: state.changed ?? null,
      copy: state.copy ?? null,
      runs: state.runs ?? null,
      totalMs: performance.now() - tourStarted,
    };
    await writeFile(args.json, `${JSON.stringify(facts, null, 2)}\n`);
  }
  return outcomes.some((outcome) => outcome.status === 'failed') ? 1 : 0;
}

async function entry(): Promise<number> {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    write(USAGE);
    return 0;
  }
  try {
    return await main();
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`corral tour: ${error.message}\n`);
    return 2;
  }
}

process.exitCode = await entry();
