/**
 * `--verify`: type-checks the project before and after the rewrite with the project's own
 * TypeScript (the `typescript` package that resolves from the project root, else the compiler
 * bundled with ts-morph) and keeps the original of every rewritten file that gained a type
 * error, or that caused a new error in a file that imports it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ts as bundledTs } from 'ts-morph';

type Ts = typeof bundledTs;

/** Where the compiler used for verification came from. */
export interface VerifyCompiler {
  ts: Ts;
  version: string;
  source: 'project' | 'ours' | 'bundled';
}

/**
 * A rewritten file kept at its original text because of `errors`.
 *
 * @example
 * ```ts
 * for (const { file, errors } of report.restored) console.error(file, errors[0]);
 * ```
 */
export interface RestoredFile {
  file: string;
  errors: string[];
}

/** What verification decided. */
export interface VerifyOutcome {
  compiler: { version: string; source: 'project' | 'ours' | 'bundled' };
  /** Rewritten files whose new text passed. */
  accepted: Map<string, string>;
  restored: RestoredFile[];
  /** Files with type errors before the rewrite (they are compared, not judged). */
  filesWithErrorsBefore: number;
}

/**
 * Loads `typescript` as the project at `projectRoot` would, falling back to the bundled compiler.
 *
 * @example
 * ```ts
 * const { version, source } = loadProjectTypeScript('/repo');
 * ```
 */
export function loadProjectTypeScript(projectRoot: string): VerifyCompiler {
  // The project's own compiler first, then the one installed beside this package.
  for (const [base, source] of [
    [path.join(projectRoot, 'package.json'), 'project'],
    [import.meta.url, 'ours'],
  ] as const) {
    try {
      const require = createRequire(base);
      const ts = require(require.resolve('typescript')) as Ts;
      if (typeof ts.createProgram === 'function') return { ts, version: ts.version, source };
    } catch {
      // Not installed there: try the next place.
    }
  }
  // Last resort: the compiler bundled with ts-morph (its lib files must be on disk to be read).
  return { ts: bundledTs, version: bundledTs.version, source: 'bundled' };
}

/** Diagnostics of each file as a multiset of `TS<code>: message` keys, with a line for display. */
type FileDiagnostics = Map<string, Map<string, { count: number; display: string[] }>>;

function collect(ts: Ts, program: import('typescript').Program): FileDiagnostics {
  const byFile: FileDiagnostics = new Map();
  for (const sourceFile of program.getSourceFiles()) {
    if (sourceFile.isDeclarationFile || sourceFile.fileName.includes('/node_modules/')) continue;
    const diagnostics = [...program.getSyntacticDiagnostics(sourceFile), ...program.getSemanticDiagnostics(sourceFile)];
    const keyed = new Map<string, { count: number; display: string[] }>();
    for (const diagnostic of diagnostics) {
      // The compiler may be another copy of TypeScript than the one these types come from: compare numbers.
      if (Number(diagnostic.category) !== Number(ts.DiagnosticCategory.Error)) continue;
      const key = `TS${diagnostic.code}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`;
      const line = diagnostic.start === undefined ? 0 : sourceFile.getLineAndCharacterOfPosition(diagnostic.start).line + 1;
      const entry = keyed.get(key) ?? { count: 0, display: [] };
      entry.count++;
      entry.display.push(`line ${line}: ${key}`);
      keyed.set(key, entry);
    }
    byFile.set(path.resolve(sourceFile.fileName), keyed);
  }
  return byFile;
}

function gainedErrors(before: FileDiagnostics, after: FileDiagnostics): Map<string, string[]> {
  const gained = new Map<string, string[]>();
  for (const [file, keyed] of after) {
    const old = before.get(file);
    for (const [key, entry] of keyed) {
      const extra = entry.count - (old?.get(key)?.count ?? 0);
      if (extra > 0) gained.set(file, [...(gained.get(file) ?? []), ...entry.display.slice(-extra)]);
    }
  }
  return gained;
}

/** The options and root files of the project, read with the verifying compiler. */
function readProject(ts: Ts, tsconfig: string | undefined, fallbackRoots: readonly string[]) {
  if (tsconfig && existsSync(tsconfig)) {
    const parsed = ts.getParsedCommandLineOfConfigFile(tsconfig, {}, {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: () => undefined,
    });
    if (parsed) {
      const roots = new Set(parsed.fileNames.map((name) => path.resolve(name)));
      for (const extra of fallbackRoots) roots.add(extra);
      return { options: { ...parsed.options, noEmit: true }, rootNames: [...roots] };
    }
  }
  return { options: { strict: true, noEmit: true, skipLibCheck: true, target: ts.ScriptTarget.ES2022 }, rootNames: [...fallbackRoots] };
}

/**
 * Type-checks before and after, then drops from `updated` every file that gained an error (or
 * whose change gave an error to a file importing it), repeating until the rest is clean.
 *
 * @example
 * ```ts
 * const outcome = verifyRewrite('/repo', '/repo/tsconfig.json', new Map([['/repo/a.ts', newText]]));
 * for (const { file, errors } of outcome.restored) console.log(file, errors);
 * ```
 */
export function verifyRewrite(projectRoot: string, tsconfig: string | undefined, updated: ReadonlyMap<string, string>): VerifyOutcome {
  const compiler = loadProjectTypeScript(projectRoot);
  const { ts } = compiler;
  const { options, rootNames } = readProject(ts, tsconfig, [...updated.keys()]);
  const sourceCache = new Map<string, import('typescript').SourceFile>();

  const makeHost = (overrides: ReadonlyMap<string, string>) => {
    const host = ts.createCompilerHost(options, true);
    const read = (fileName: string): string | undefined => overrides.get(path.resolve(fileName)) ?? ts.sys.readFile(fileName);
    host.readFile = read;
    host.getSourceFile = (fileName, languageVersion) => {
      const text = read(fileName);
      if (text === undefined) return undefined;
      const key = `${fileName}\0${text.length}\0${overrides.has(path.resolve(fileName)) ? text : ''}`;
      let cached = sourceCache.get(key);
      if (!cached) {
        cached = ts.createSourceFile(fileName, text, languageVersion, true);
        sourceCache.set(key, cached);
      }
      return cached;
    };
    return host;
  };

  const beforeProgram = ts.createProgram({ rootNames, options, host: makeHost(new Map()) });
  const before = collect(ts, beforeProgram);
  const accepted = new Map(updated);
  const restored = new Map<string, string[]>();

  for (let round = 0; round < 8 && accepted.size > 0; round++) {
    const program = ts.createProgram({ rootNames, options, host: makeHost(accepted), oldProgram: beforeProgram });
    const gained = gainedErrors(before, collect(ts, program));
    if (gained.size === 0) break;
    for (const [file, errors] of gained) {
      if (accepted.has(file)) {
        accepted.delete(file);
        restored.set(file, [...(restored.get(file) ?? []), ...errors]);
        continue;
      }
      // An untouched file broke: blame the rewritten files it imports, or all of them.
      const culprits = importedRewrites(ts, program, file, options, accepted);
      for (const culprit of culprits.length > 0 ? culprits : [...accepted.keys()]) {
        accepted.delete(culprit);
        const rel = path.relative(projectRoot, file);
        restored.set(culprit, [...(restored.get(culprit) ?? []), ...errors.map((error) => `in ${rel}, ${error}`)]);
      }
    }
  }
  return {
    compiler: { version: compiler.version, source: compiler.source },
    accepted,
    restored: [...restored].map(([file, errors]) => ({ file, errors })),
    filesWithErrorsBefore: [...before.values()].filter((keyed) => keyed.size > 0).length,
  };
}

function importedRewrites(
  ts: Ts,
  program: import('typescript').Program,
  file: string,
  options: import('typescript').CompilerOptions,
  accepted: ReadonlyMap<string, string>,
): string[] {
  const sourceFile = program.getSourceFile(file);
  if (!sourceFile) return [];
  const culprits: string[] = [];
  const moduleHost = { fileExists: (name: string) => ts.sys.fileExists(name), readFile: (name: string) => accepted.get(path.resolve(name)) ?? readFileSync(name, 'utf8') };
  for (const statement of sourceFile.statements) {
    const specifier = ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement) ? statement.moduleSpecifier : undefined;
    if (!specifier || !ts.isStringLiteral(specifier)) continue;
    const resolved = ts.resolveModuleName(specifier.text, file, options, moduleHost).resolvedModule?.resolvedFileName;
    if (resolved && accepted.has(path.resolve(resolved))) culprits.push(path.resolve(resolved));
  }
  return culprits;
}
