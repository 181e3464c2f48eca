/**
 * Temporary projects for tests: a folder under the system temp directory with a tsconfig whose
 * `paths` send `@corral/runtime` to the real, built runtime declarations, so every fixture is
 * type-checked against the runtime's actual signatures.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const codemodsRoot = path.resolve(here, '../..');
export const workspaceRoot = path.resolve(codemodsRoot, '..');
export const fixturesRoot = path.join(codemodsRoot, 'test', '__testfixtures__');
export const runtimeDeclarations = path.join(workspaceRoot, 'runtime', 'dist', 'index.d.ts');

/** Builds the runtime when its declarations are missing (a test run without `npm run build`). */
export function ensureRuntimeBuilt(): void {
  if (existsSync(runtimeDeclarations)) return;
  const tsc = path.join(workspaceRoot, 'node_modules', 'typescript', 'bin', 'tsc');
  const result = spawnSync(process.execPath, [tsc, '-b', path.join(workspaceRoot, 'runtime')], { encoding: 'utf8' });
  if (result.status !== 0 || !existsSync(runtimeDeclarations)) {
    throw new Error(`could not build @corral/runtime for the fixtures:\n${result.stdout}${result.stderr}`);
  }
}

/** The compiler options every fixture project uses (the fixtures' own tsconfig, paths made absolute). */
export function fixtureTsconfig(): string {
  const config = JSON.parse(readFileSync(path.join(fixturesRoot, 'tsconfig.json'), 'utf8')) as { compilerOptions: Record<string, unknown> };
  config.compilerOptions['paths'] = { '@corral/runtime': [runtimeDeclarations] };
  return `${JSON.stringify({ compilerOptions: config.compilerOptions, include: ['**/*.ts'] }, null, 2)}\n`;
}

/** A fresh temporary project holding `files` (name -> text) and the fixture tsconfig. */
export function makeProject(files: Record<string, string>): { root: string; dispose(): void } {
  const root = mkdtempSync(path.join(tmpdir(), 'corral-migrate-'));
  writeFileSync(path.join(root, 'tsconfig.json'), fixtureTsconfig());
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(root, name), text);
  return { root, dispose: () => rmSync(root, { recursive: true, force: true }) };
}

/** The cases of one transform's fixture folder: `<case>.input.ts` with its `<case>.output.ts`. */
export function fixtureCases(transform: string): { name: string; input: string; output: string | undefined }[] {
  const folder = path.join(fixturesRoot, transform);
  return readdirSync(folder)
    .filter((file) => file.endsWith('.input.ts'))
    .sort()
    .map((file) => {
      const name = file.slice(0, -'.input.ts'.length);
      const outputPath = path.join(folder, `${name}.output.ts`);
      return {
        name,
        input: readFileSync(path.join(folder, file), 'utf8'),
        output: existsSync(outputPath) ? readFileSync(outputPath, 'utf8') : undefined,
      };
    });
}

/** Copies a transform's inputs into a temporary project as `<case>.ts`. */
export function projectFromFixtures(transform: string): { root: string; dispose(): void } {
  const project = makeProject({});
  for (const { name } of fixtureCases(transform)) {
    copyFileSync(path.join(fixturesRoot, transform, `${name}.input.ts`), path.join(project.root, `${name}.ts`));
  }
  return project;
}
