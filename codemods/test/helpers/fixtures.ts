/**
 * Runs a transform over its fixtures the way users run it: through `migrate()` (the real engine,
 * with conflict settling, import merging and fixed-point passes), in a dry run, on
 * `__testfixtures__/<transform>/<case>.input.ts`. The expected text is `<case>.output.ts`; an
 * unchanged case is a pair whose output equals its input. Outputs are type-checked together with
 * the fixtures' tsconfig (which maps `@corral/runtime` to the built runtime).
 *
 * @example
 * ```ts
 * for (const fixture of fixtureCases('async-mutex-to-lock')) {
 *   it(fixture.name, async () => {
 *     expect(await runFixture(asyncMutexToLock, fixture.input)).toBe(fixture.expected);
 *   });
 * }
 * ```
 */
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Project } from 'ts-morph';
import { migrate } from '../../src/migrate.js';
import type { MigrateReport } from '../../src/engine/report.js';
import type { Transform } from '../../src/transform.js';

export const fixturesRoot = path.resolve(import.meta.dirname, '../__testfixtures__');
const tsconfig = path.join(fixturesRoot, 'tsconfig.json');

export interface FixtureCase {
  name: string;
  /** Absolute paths. */
  input: string;
  output: string;
  /** The text the output file holds. */
  expected: string;
}

/** Every `<case>.input.ts` / `<case>.output.ts` pair of a transform, by case name. */
export function fixtureCases(transform: string): FixtureCase[] {
  const dir = path.join(fixturesRoot, transform);
  return readdirSync(dir)
    .filter((file) => file.endsWith('.input.ts'))
    .sort()
    .map((file) => {
      const name = file.slice(0, -'.input.ts'.length);
      const output = path.join(dir, `${name}.output.ts`);
      return { name, input: path.join(dir, file), output, expected: readFileSync(output, 'utf8') };
    });
}

/** The text `transform` turns `file` into (a dry run: nothing is written), and the report. */
export async function runFixture(transform: Transform, file: string): Promise<{ text: string; report: MigrateReport }> {
  // A tsconfig of this one file (with the fixtures' options), so each run loads one fixture and
  // what it imports, not every fixture of every transform.
  const scratch = await mkdtemp(path.join(tmpdir(), 'corral-fixture-'));
  const ownTsconfig = path.join(scratch, 'tsconfig.json');
  await writeFile(ownTsconfig, JSON.stringify({ extends: tsconfig, files: [file], include: [] }));
  let result: Awaited<ReturnType<typeof migrate>>;
  try {
    result = await migrate({
      paths: [file],
      cwd: fixturesRoot,
      projectRoot: fixturesRoot,
      tsconfig: ownTsconfig,
      dryRun: true,
      availableTransforms: [transform],
    });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  const { report, rewrites } = result;
  const rewrite = rewrites.find((entry) => path.resolve(fixturesRoot, entry.file) === file);
  return { text: rewrite?.after ?? (await readFile(file, 'utf8')), report };
}

/** Type errors in the given files, checked with the fixtures' tsconfig, as `file:line message`. */
export function typeErrors(files: readonly string[]): string[] {
  const project = new Project({ tsConfigFilePath: tsconfig, skipAddingFilesFromTsConfig: true });
  const sourceFiles = files.map((file) => project.addSourceFileAtPath(file));
  project.resolveSourceFileDependencies();
  return sourceFiles.flatMap((sourceFile) =>
    sourceFile.getPreEmitDiagnostics().map((diagnostic) => {
      const message = diagnostic.getMessageText();
      const text = typeof message === 'string' ? message : message.getMessageText();
      return `${path.basename(sourceFile.getFilePath())}:${diagnostic.getLineNumber() ?? 0} ${text}`;
    }),
  );
}
