// corral-migrate over both corpora (real code nobody here wrote), as a user runs it: the built
// command, a copy of each corpus, `--verify`. Checks that the result type-checks with the
// corpus's own compiler, that no file is left unparseable, that a second run changes nothing,
// and the coverage of every pattern; and that docs/codemods/corpora.md matches this run.
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliPath, copyCorpus, reportsDir, runMigration } from './migrate-corpus.js';
import { docPath, renderMigrationDoc, reportPath, type CorpusMigration } from './migration-doc.js';
import { corpusNames, prepareCorpus, type CorpusName } from './prepare.js';
import { runCommand } from './run-command.js';

/** Below this many sites a share is noise: such a corpus must only account for every site. */
const MIN_SITES_FOR_SHARE = 10;
const PROMISE_ALL_SHARE = 0.8;

interface CorpusOutcome {
  migration: CorpusMigration;
  /** Output of the corpus's own `tsc --noEmit` over the migrated copy. */
  typeErrors: string;
  firstExitCode: number | null;
}

const outcomes = new Map<CorpusName, CorpusOutcome>();

function projectTsc(root: string): string {
  try {
    return createRequire(path.join(root, 'package.json')).resolve('typescript/bin/tsc');
  } catch {
    return createRequire(import.meta.url).resolve('typescript/bin/tsc');
  }
}

async function migrateCorpus(name: CorpusName): Promise<CorpusOutcome> {
  const corpus = await prepareCorpus(name);
  const copy = await copyCorpus(corpus);
  const started = performance.now();
  const seconds = (): string => ((performance.now() - started) / 1000).toFixed(0);
  try {
    const first = await runMigration(copy.root, 'first', ['--verify']);
    console.log(`${name}: first run (--verify) done at ${seconds()} s`);
    // The corpus type-checks with zero errors before (prepareCorpus checks it): any error now is
    // new. Its own TypeScript when it installs one, else the workspace's, as prepareCorpus does.
    const tsc = projectTsc(copy.root);
    const typeErrors = await runCommand(process.execPath, [tsc, '--noEmit', '-p', 'tsconfig.json'], copy.root).then(
      () => '',
      (error: unknown) => (error instanceof Error ? error.message : String(error)),
    );
    console.log(`${name}: tsc over the result done at ${seconds()} s`);
    const second = await runMigration(copy.root, 'second', ['--dry-run']);
    console.log(`${name}: second run (--dry-run) done at ${seconds()} s; ${corpus.files.length} files each run`);
    const migration: CorpusMigration = { name, version: corpus.version, first: first.report, second: second.report };
    await mkdir(reportsDir, { recursive: true });
    await writeFile(reportPath(name), `${JSON.stringify(migration, null, 2)}\n`);
    return { migration, typeErrors, firstExitCode: first.exitCode };
  } finally {
    await copy.remove();
  }
}

beforeAll(async () => {
  if (!existsSync(cliPath)) throw new Error(`${cliPath} is missing: build first (npx tsc -b)`);
  // The two corpora run side by side: each command is one process on its own core.
  const results = await Promise.all(corpusNames.map(async (name) => [name, await migrateCorpus(name)] as const));
  for (const [name, outcome] of results) outcomes.set(name, outcome);
}, 900_000);

for (const name of corpusNames) {
  describe(`corral-migrate over ${name}`, () => {
    const outcome = (): CorpusOutcome => {
      const found = outcomes.get(name);
      if (!found) throw new Error(`no migration of ${name}`);
      return found;
    };

    it('leaves no new type error and no unparseable file, and reports what --verify restored', () => {
      const { migration, typeErrors, firstExitCode } = outcome();
      const { first } = migration;
      expect(typeErrors).toBe('');
      expect(first.unparseable).toEqual([]);
      expect(first.failed).toEqual([]);
      expect(first.refused).toEqual([]);
      expect(first.verify?.filesWithErrorsBefore).toBe(0);
      // The exit code says whether anything was kept unchanged (restored counts as that).
      expect(firstExitCode).toBe(first.restored.length > 0 ? 1 : 0);
      console.log(
        `${name}: ${first.files.scanned} files scanned, ${first.files.changed} changed, ${first.restored.length} restored by --verify (target 0): ${first.restored.map((r) => r.file).join(', ') || 'none'}`,
      );
    });

    it('changes nothing on a second run, except to try again what --verify restored', () => {
      const { first, second } = outcome().migration;
      // A file --verify restored is the original again, so the next run proposes the same rewrite
      // (and a --verify run would restore it again); every kept rewrite is final.
      const restored = new Set(first.restored.map((entry) => entry.file));
      const changedAgain = [...new Set(second.changes.map((change) => change.file))];
      expect(changedAgain.filter((file) => !restored.has(file))).toEqual([]);
      expect(second.files.changed).toBe(changedAgain.length);
      expect(second.unparseable).toEqual([]);
    });

    it('accounts for every site of every pattern, with a reason for each one left alone', () => {
      const { first } = outcome().migration;
      for (const [pattern, counts] of Object.entries(first.patterns)) {
        expect(counts.migrated + counts.skipped, pattern).toBe(counts.sites);
        const skips = first.skips.filter((skip) => skip.pattern === pattern);
        expect(skips.length, pattern).toBe(counts.skipped);
        for (const skip of skips) {
          expect(skip.reason.length, `${skip.file}:${skip.line}`).toBeGreaterThan(10);
          expect(skip.line).toBeGreaterThan(0);
        }
        console.log(`${name}: ${pattern}: ${counts.migrated}/${counts.sites} migrated, ${counts.skipped} left with reasons`);
      }
      // A function that now waits for work it used to leave running is named in the report.
      for (const change of first.nowWaits) expect(change.functionName).toBeTruthy();
    });

    it(`migrates at least ${PROMISE_ALL_SHARE * 100}% of the Promise.all sites (when there are ${MIN_SITES_FOR_SHARE} or more)`, () => {
      const counts = outcome().migration.first.patterns['Promise.all'] ?? { sites: 0, migrated: 0, skipped: 0 };
      console.log(`${name}: Promise.all ${counts.migrated}/${counts.sites} migrated`);
      if (counts.sites >= MIN_SITES_FOR_SHARE) expect(counts.migrated / counts.sites).toBeGreaterThanOrEqual(PROMISE_ALL_SHARE);
      else console.log(`${name}: only ${counts.sites} Promise.all sites, too few for a share; each one left alone has its reason above`);
    });
  });
}

describe('docs/codemods/corpora.md', () => {
  it('matches this run (regenerate with `npx tsx test/corpora/migration-doc.ts`)', async () => {
    const runs = corpusNames.map((name) => {
      const found = outcomes.get(name);
      if (!found) throw new Error(`no migration of ${name}`);
      return found.migration;
    });
    expect(await readFile(docPath, 'utf8')).toBe(renderMigrationDoc(runs));
  });
});
