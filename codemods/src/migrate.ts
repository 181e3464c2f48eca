/**
 * The engine behind `corral-migrate`: builds one compiler program (see AnalysisProgram), analyses
 * every target file that may hold a selected transform's pattern (analysis only: the transforms
 * return text edits), applies each file's edits in one batch on its original text, analyses a
 * rewritten file again while its new text may hold more (so a second run is a no-op), optionally
 * type-checks the result, and writes atomically.
 */
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { ts, type SourceFile } from 'ts-morph';
import { AnalysisProgram } from './engine/analysis-program.js';
import { applyEdits, CONFLICT_PREFIX, settleEdits, type NamedResult } from './engine/apply-edits.js';
import { writeFileAtomic } from './engine/atomic-write.js';
import { UsageError } from './engine/errors.js';
import { resolveTsconfig, selectTransforms } from './engine/options.js';
import { createProgress } from './engine/progress-bar.js';
import { coverage, type FailedFile, type MigrateReport } from './engine/report.js';
import { runtimeImportBlocked, runtimeImportEdit } from './engine/runtime-imports.js';
import { findTargetFiles } from './engine/target-files.js';
import { loadProjectTypeScript, verifyRewrite } from './engine/verify.js';
import { mayApply, type Change, type Skip, type TextEdit, type Transform } from './transform.js';
import { transforms as registry } from './transforms/index.js';

/**
 * What to migrate and how.
 *
 * @example
 * ```ts
 * const options: MigrateOptions = { paths: ['src'], transforms: ['promise-all-to-gather'], verify: true };
 * ```
 */
export interface MigrateOptions {
  /** Files or directories, relative to `cwd`. Default: the project root. */
  paths?: readonly string[];
  /** Default: `process.cwd()`. */
  cwd?: string;
  /** No path outside it is read or written. Default: `cwd`. */
  projectRoot?: string;
  /** Default: `<projectRoot>/tsconfig.json` when it exists. */
  tsconfig?: string;
  /** Transform names to run. Default: all. */
  transforms?: readonly string[];
  /** Compute everything, write nothing. */
  dryRun?: boolean;
  /** Type-check before and after; keep the original of every file that gained a type error. */
  verify?: boolean;
  /** Where to draw a progress bar (only drawn on a terminal). */
  progressStream?: NodeJS.WriteStream;
  /** Transforms to choose from instead of the built-in ones. */
  availableTransforms?: readonly Transform[];
}

/**
 * One file whose text the run changed (or would change, in a dry run).
 *
 * @example
 * ```ts
 * for (const { file, before, after } of result.rewrites) console.log(file, before.length, after.length);
 * ```
 */
export interface FileRewrite {
  file: string;
  before: string;
  after: string;
  written: boolean;
}

/**
 * The report plus the rewritten texts (for a diff).
 *
 * @example
 * ```ts
 * const { report, rewrites }: MigrateResult = await migrate({ dryRun: true });
 * ```
 */
export interface MigrateResult {
  report: MigrateReport;
  rewrites: FileRewrite[];
}

/** Passes over rewritten files before a run gives up on reaching a fixed point. */
const MAX_PASSES = 3;

/**
 * Runs the migration and returns its report; throws `UsageError` for bad options.
 *
 * @example
 * ```ts
 * import { migrate } from '@corral/codemods';
 *
 * const { report } = await migrate({ paths: ['src'], dryRun: true });
 * console.log(report.patterns['Promise.all']);
 * ```
 */
export function migrate(options: MigrateOptions = {}): Promise<MigrateResult> {
  try {
    return Promise.resolve(migrateSync(options));
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

/**
 * The same as {@link migrate}, synchronously (the engine does no asynchronous work today; the
 * promise-returning form leaves room for it).
 *
 * @example
 * ```ts
 * const { report } = migrateSync({ paths: ['src'], dryRun: true });
 * ```
 */
export function migrateSync(options: MigrateOptions = {}): MigrateResult {
  const started = Date.now();
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const projectRoot = path.resolve(cwd, options.projectRoot ?? '.');
  if (!existsSync(projectRoot) || !statSync(projectRoot).isDirectory()) throw new UsageError(`project root is not a directory: ${projectRoot}`);
  const realRoot = realpathSync(projectRoot);
  const tsconfig = resolveTsconfig(cwd, realRoot, options.tsconfig);
  const selected = selectTransforms(options.availableTransforms ?? registry, options.transforms);

  const { files, refused } = findTargetFiles(options.paths?.length ? options.paths : [projectRoot], cwd, projectRoot);
  // Only files that mention what a selected transform looks for are analysed (and parsed for editing).
  const analysis = new AnalysisProgram(tsconfig, files, (text) => selected.some((transform) => mayApply(transform, text)));

  const relative = (file: string): string => path.relative(realRoot, file) || path.basename(file);
  const originals = new Map<string, string>();
  const unparseable: MigrateReport['unparseable'] = [];
  const failed: FailedFile[] = [];
  const changes: Change[] = [];
  const finalSkips = new Map<string, Skip[]>();
  let pending: string[] = [];
  for (const file of files) {
    const errors = analysis.syntaxErrors(file);
    if (errors.length > 0) {
      unparseable.push({ file: relative(file), errors: errors.map((d) => describe(d)) });
      continue;
    }
    originals.set(file, analysis.text(file));
    // A file that mentions nothing a transform looks for has no site: it is scanned, not analysed.
    if (analysis.isInteresting(file)) pending.push(file);
  }

  const progress = createProgress(pending.length, options.progressStream ?? process.stderr);
  for (let pass = 1; pass <= MAX_PASSES && pending.length > 0; pass++) {
    const rewritten = new Map<string, string>();
    const again = new Set<string>();
    for (const file of pending) {
      const sourceFile = analysis.sourceFile(file);
      if (!sourceFile) continue;
      if (pass === 1) progress.tick(relative(file));
      const outcome = analyseFile(sourceFile, selected, file, relative(file), realRoot, failed);
      if (!outcome) continue;
      changes.push(...outcome.changes);
      // Skips describe what is left in the final text, so a later pass replaces them; a
      // conflict between transforms is an event of its pass and is kept.
      const conflicts = (finalSkips.get(file) ?? []).filter((skip) => skip.reason.startsWith(CONFLICT_PREFIX));
      finalSkips.set(file, [...conflicts, ...outcome.skips]);
      if (outcome.text === sourceFile.getFullText()) continue;
      rewritten.set(file, outcome.text);
      if (outcome.revisit) again.add(file);
    }
    if (pass === 1) progress.done();
    // Analysis of this pass is complete before any text changes, so type queries never see a
    // half-rewritten project.
    for (const [file, text] of rewritten) analysis.replaceText(file, text);
    if (pass === MAX_PASSES && again.size > 0) {
      for (const file of again) failed.push({ file: relative(file), reason: `rewrites did not settle after ${MAX_PASSES} passes; file left unchanged` });
      for (const file of again) analysis.replaceText(file, originals.get(file) ?? '');
    }
    pending = [...again];
  }

  // A rewrite must never leave a file that does not parse.
  let updated = new Map<string, string>();
  for (const [file, original] of originals) {
    const text = analysis.text(file);
    if (text === original) continue;
    // JSDoc is not parsed: its errors are never syntax errors of the file.
    const reparsed = ts.createSourceFile(file, text, { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone }, false, scriptKind(file));
    const parseErrors = (reparsed as unknown as { parseDiagnostics?: readonly ts.Diagnostic[] }).parseDiagnostics ?? [];
    if (parseErrors.length > 0) {
      failed.push({ file: relative(file), reason: `the rewrite would not parse (${parseErrors.length} syntax error(s)); file left unchanged` });
      continue;
    }
    updated.set(file, text);
  }

  let verifyInfo: MigrateReport['verify'] = null;
  let restored: MigrateReport['restored'] = [];
  if (options.verify && updated.size > 0) {
    const outcome = verifyRewrite(realRoot, tsconfig, updated);
    verifyInfo = { compiler: outcome.compiler.version, source: outcome.compiler.source, filesWithErrorsBefore: outcome.filesWithErrorsBefore };
    restored = outcome.restored.map((entry) => ({ file: relative(entry.file), errors: entry.errors }));
    updated = outcome.accepted;
  } else if (options.verify) {
    // Nothing was rewritten, so nothing was type-checked: name the compiler that would have been.
    const compiler = loadProjectTypeScript(realRoot);
    verifyInfo = { compiler: compiler.version, source: compiler.source, filesWithErrorsBefore: 0 };
  }
  const rewrites: FileRewrite[] = [];
  for (const [file, after] of updated) {
    const before = originals.get(file) ?? '';
    let written = false;
    if (!options.dryRun) {
      try {
        // The file may have been edited since it was read: never overwrite someone's work. The
        // compiler drops a byte-order mark from the text; the file keeps it.
        const disk = readFileSync(file, 'utf8');
        const bom = disk.startsWith('\uFEFF') && !before.startsWith('\uFEFF') ? '\uFEFF' : '';
        if (disk !== bom + before) throw new Error('changed on disk during the run');
        writeFileAtomic(file, bom + after);
        written = true;
      } catch (error) {
        failed.push({ file: relative(file), reason: `not written: ${error instanceof Error ? error.message : String(error)}` });
        continue;
      }
    }
    rewrites.push({ file: relative(file), before, after, written });
  }
  // Changes and skips of files that were kept unchanged are not migrations.
  const keptFiles = new Set(rewrites.map((rewrite) => rewrite.file));
  const keptChanges = changes.filter((change) => keptFiles.has(change.file));
  const allSkips = [...finalSkips.values()].flat();
  for (const change of changes) {
    if (!keptFiles.has(change.file)) allSkips.push({ transform: change.transform, file: change.file, line: change.line, pattern: change.pattern ?? change.transform, reason: 'rewrite not kept (file restored or not written)' });
  }
  allSkips.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  keptChanges.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);

  const problems = unparseable.length + refused.length + restored.length + failed.length;
  const report: MigrateReport = {
    schemaVersion: 1,
    projectRoot: realRoot,
    tsconfig: tsconfig ?? null,
    transforms: selected.map((transform) => transform.name),
    dryRun: options.dryRun ?? false,
    verify: verifyInfo,
    files: {
      scanned: files.length,
      changed: rewrites.length,
      written: rewrites.filter((rewrite) => rewrite.written).length,
      unchanged: files.length - rewrites.length,
    },
    patterns: coverage(keptChanges, allSkips, (entry) => entry.pattern ?? entry.transform),
    byTransform: coverage(keptChanges, allSkips, (entry) => entry.transform),
    nowWaits: keptChanges.filter((change) => change.semantic === 'now-waits'),
    semanticChanges: keptChanges.filter((change) => change.semantic !== undefined && change.semantic !== 'now-waits'),
    changes: keptChanges,
    skips: allSkips,
    unparseable,
    refused,
    restored,
    failed,
    durationMs: Date.now() - started,
    exitCode: problems > 0 ? 1 : 0,
  };
  return { report, rewrites };
}

/** Runs the transforms on one file and settles their edits; `undefined` when a transform threw. */
function analyseFile(sourceFile: SourceFile, selected: readonly Transform[], file: string, rel: string, projectRoot: string, failed: FailedFile[]) {
  const text = sourceFile.getFullText();
  const results: NamedResult[] = [];
  for (const transform of selected) {
    if (!mayApply(transform, text)) continue;
    try {
      const result = transform.run(sourceFile, { filePath: file, projectRoot });
      // Coverage is counted from changes and skips: a site without either would vanish from it.
      if (result.sites !== result.changes.length + result.skips.length) {
        failed.push({ file: rel, reason: `transform ${transform.name} saw ${result.sites} site(s) but reported ${result.changes.length} change(s) and ${result.skips.length} skip(s)` });
      }
      const withFile = <T extends { file: string; transform: string }>(entry: T): T => ({ ...entry, file: rel, transform: transform.name });
      results.push({ transform: transform.name, result: { ...result, changes: result.changes.map(withFile), skips: result.skips.map(withFile) } });
    } catch (error) {
      failed.push({ file: rel, reason: `transform ${transform.name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}` });
      return undefined;
    }
  }
  try {
    const settled = settleEdits(rel, text, results);
    const importEdit = runtimeImportEdit(sourceFile, results.flatMap((entry) => entry.result.imports), settled.edits);
    const blocked = importEdit ? runtimeImportBlocked(sourceFile) : undefined;
    if (blocked) {
      // Without the import no rewrite of this file holds: every one becomes a skip that says why.
      const skips = settled.changes.map((change) => ({ transform: change.transform, file: rel, line: change.line, pattern: change.pattern ?? change.transform, reason: blocked }));
      return { text, changes: [], skips: [...settled.skips, ...skips], revisit: false };
    }
    const edits = importEdit ? [...settled.edits, importEdit] : settled.edits;
    return { text: edits.length > 0 ? applyEdits(text, edits) : text, changes: settled.changes, skips: settled.skips, revisit: needsAnotherPass(text, settled) };
  } catch (error) {
    // One transform's overlapping edits: the file stays as it is, and the run says why.
    failed.push({ file: rel, reason: `edits could not be applied: ${error instanceof Error ? error.message : String(error)}; file left unchanged` });
    return undefined;
  }
}

/**
 * Whether the rewritten text must be analysed again. A transform's rewrite of its own sites is
 * its fixed point (the fixtures run every transform on its own output), so a file needs the next
 * pass only when something may have changed for a site left alone: it lies within a rewritten
 * site (a nested `Promise.all` that is now an arrow's body), its reason was a name that the new
 * import may now provide, a site was dropped for overlapping another, or two transforms rewrote
 * the same file.
 */
function needsAnotherPass(text: string, settled: { edits: readonly TextEdit[]; changes: readonly Change[]; skips: readonly Skip[] }): boolean {
  if (settled.changes.length === 0) return false;
  if (new Set(settled.changes.map((change) => change.transform)).size > 1) return true;
  if (settled.skips.some((skip) => skip.reason.startsWith(CONFLICT_PREFIX) || skip.reason.includes('are both taken'))) return true;
  const lineAt = (offset: number): number => {
    let line = 1;
    for (let at = text.indexOf('\n'); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) line++;
    return line;
  };
  const spans = new Map<number, { first: number; last: number }>();
  for (const edit of settled.edits) {
    if (edit.siteId === undefined) continue;
    const span = spans.get(edit.siteId);
    spans.set(edit.siteId, { first: Math.min(span?.first ?? edit.start, edit.start), last: Math.max(span?.last ?? edit.end, edit.end) });
  }
  const lines = [...spans.values()].map((span) => ({ first: lineAt(span.first), last: lineAt(span.last) }));
  return settled.skips.some((skip) => lines.some((span) => skip.line >= span.first && skip.line <= span.last));
}

function describe(diagnostic: ts.Diagnostic): string {
  const line = diagnostic.start === undefined || !diagnostic.file ? 0 : diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line + 1;
  return `line ${line}: TS${diagnostic.code}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`;
}

function scriptKind(file: string): ts.ScriptKind {
  return file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
}
