import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { MigrateReport } from '@corral/codemods';
import type { Corpus } from './prepare.js';

/** The built `corral-migrate` command and the runtime package that migrated code imports. */
const repoRoot = path.resolve(import.meta.dirname, '../..');
export const cliPath = path.join(repoRoot, 'codemods/dist/cli.js');
const runtimePackage = path.join(repoRoot, 'runtime');

/** Where the JSON reports of the last corpus migration are kept (git-ignored). */
export const reportsDir = path.join(repoRoot, 'test/.cache/corpora-migration');

/** A corpus copied to a scratch folder, so that rewriting it never touches the shared one. */
export interface CorpusCopy {
  corpus: Corpus;
  root: string;
  /** Removes the scratch folder. */
  remove(): Promise<void>;
}

/**
 * Copies a prepared corpus's `src/` (with its tsconfig, `package.json` and `third_party/`) to a
 * scratch folder whose `node_modules` links every package of the corpus's own install, plus
 * `@corral/runtime` (this repository's built runtime), so the migrated code type-checks against
 * the real runtime.
 *
 * @example
 * const copy = await copyCorpus(await prepareCorpus('mongodb'));
 * try { ... } finally { await copy.remove(); }
 */
export async function copyCorpus(corpus: Corpus): Promise<CorpusCopy> {
  const root = await mkdtemp(path.join(tmpdir(), `corral-migrate-${corpus.name}-`));
  for (const entry of ['src', 'third_party', 'tsconfig.json', 'package.json']) {
    await cp(path.join(corpus.root, entry), path.join(root, entry), { recursive: true }).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    });
  }
  const modules = path.join(root, 'node_modules');
  await mkdir(path.join(modules, '@corral'), { recursive: true });
  for (const entry of await readdir(path.join(corpus.root, 'node_modules'))) {
    if (entry === '@corral') continue;
    await symlink(path.join(corpus.root, 'node_modules', entry), path.join(modules, entry));
  }
  await symlink(runtimePackage, path.join(modules, '@corral', 'runtime'));
  return { corpus, root, remove: () => rm(root, { recursive: true, force: true }) };
}

/** What one `corral-migrate` run printed and reported. */
export interface MigrationRun {
  exitCode: number | null;
  output: string;
  report: MigrateReport;
}

/**
 * Runs the built `corral-migrate` over `src/` of a corpus copy, as a user would (a real
 * subprocess), with `--json` and the given mode, and reads its JSON report.
 *
 * @example
 * const run = await runMigration(copy.root, 'first', ['--verify']);
 * console.log(run.report.patterns['Promise.all']);
 */
export async function runMigration(root: string, label: string, mode: readonly string[]): Promise<MigrationRun> {
  const reportPath = path.join(root, `corral-migrate-${label}.json`);
  const { exitCode, output } = await new Promise<{ exitCode: number | null; output: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, 'src', ...mode, '--json', reportPath], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ exitCode: code, output: text }));
  });
  const report = JSON.parse(await readFile(reportPath, 'utf8').catch(() => {
    throw new Error(`corral-migrate wrote no report (exit ${String(exitCode)}):\n${output.slice(-4000)}`);
  })) as MigrateReport;
  return { exitCode, output, report };
}
