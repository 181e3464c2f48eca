/**
 * The report of a run: what was rewritten, what was left for a person and why, coverage per
 * pattern, and every file that could not be migrated. `--json` writes it as is; the terminal
 * summary puts the functions that now wait for their work first.
 */
import type { Change, Skip } from '../transform.js';
import type { RefusedPath } from './target-files.js';
import type { RestoredFile } from './verify.js';

/**
 * Coverage of one pattern (or one transform): every site seen was migrated or skipped.
 *
 * @example
 * ```ts
 * const { sites, migrated } = report.patterns['Promise.all'] ?? { sites: 0, migrated: 0 };
 * ```
 */
export interface Coverage {
  sites: number;
  migrated: number;
  skipped: number;
}

/**
 * A file that a transform or the engine could not handle.
 *
 * @example
 * ```ts
 * for (const { file, reason } of report.failed) console.error(`${file}: ${reason}`);
 * ```
 */
export interface FailedFile {
  file: string;
  reason: string;
}

/**
 * The machine-readable report of one run (`--json`).
 *
 * @example
 * ```ts
 * const report = JSON.parse(readFileSync('report.json', 'utf8')) as MigrateReport;
 * for (const change of report.nowWaits) console.log(change.file, change.functionName);
 * ```
 */
export interface MigrateReport {
  /** Bumped when a field changes meaning. */
  schemaVersion: 1;
  projectRoot: string;
  tsconfig: string | null;
  transforms: string[];
  dryRun: boolean;
  verify: { compiler: string; source: 'project' | 'ours' | 'bundled'; filesWithErrorsBefore: number } | null;
  files: {
    scanned: number;
    changed: number;
    written: number;
    unchanged: number;
  };
  /** Coverage per pattern ('Promise.all', 'Promise.race timeout', ...). */
  patterns: Record<string, Coverage>;
  /** Coverage per transform. */
  byTransform: Record<string, Coverage>;
  /** Functions that now wait for work they used to leave running: the most important lines. */
  nowWaits: Change[];
  /** Every other rewrite that changes behaviour (a failure now cancels the siblings, ...). */
  semanticChanges: Change[];
  changes: Change[];
  skips: Skip[];
  unparseable: { file: string; errors: string[] }[];
  refused: RefusedPath[];
  restored: RestoredFile[];
  failed: FailedFile[];
  durationMs: number;
  exitCode: 0 | 1;
}

/**
 * Counts sites, migrations and skips by `key` (a pattern or a transform name).
 *
 * @example
 * ```ts
 * const byPattern = coverage(changes, skips, (entry) => entry.pattern ?? entry.transform);
 * ```
 */
export function coverage(
  changes: readonly Change[],
  skips: readonly Skip[],
  key: (entry: Change | Skip) => string,
): Record<string, Coverage> {
  const counts: Record<string, Coverage> = {};
  const at = (name: string): Coverage => (counts[name] ??= { sites: 0, migrated: 0, skipped: 0 });
  for (const change of changes) {
    const entry = at(key(change));
    entry.sites++;
    entry.migrated++;
  }
  for (const skip of skips) {
    const entry = at(key(skip));
    entry.sites++;
    entry.skipped++;
  }
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * The human summary printed at the end of a run, most important first.
 *
 * @example
 * ```ts
 * process.stderr.write(formatSummary(report, { bold: (s) => s, yellow: (s) => s, red: (s) => s }));
 * ```
 */
export function formatSummary(report: MigrateReport, style: { bold(s: string): string; yellow(s: string): string; red(s: string): string }): string {
  const out: string[] = [];
  if (report.nowWaits.length > 0) {
    out.push(style.bold(style.yellow(`${report.nowWaits.length} function(s) now wait for work they used to leave running:`)));
    for (const change of report.nowWaits) {
      out.push(`  ${change.file}:${change.line}  ${change.functionName ?? '(anonymous)'}: ${change.message}`);
    }
    out.push('');
  }
  if (report.semanticChanges.length > 0) {
    out.push(style.bold(`${report.semanticChanges.length} rewrite(s) change behaviour:`));
    for (const change of report.semanticChanges) out.push(`  ${change.file}:${change.line}  [${change.semantic ?? 'other'}] ${change.message}`);
    out.push('');
  }
  const problems: string[] = [
    ...report.unparseable.map((entry) => `  ${entry.file}: does not parse, left unchanged (${entry.errors[0] ?? ''})`),
    ...report.refused.map((entry) => `  ${entry.path}: refused, ${entry.reason}`),
    ...report.restored.map((entry) => `  ${entry.file}: kept unchanged, the rewrite gained type errors (${entry.errors[0] ?? ''})`),
    ...report.failed.map((entry) => `  ${entry.file}: ${entry.reason}`),
  ];
  if (problems.length > 0) out.push(style.red(style.bold(`${problems.length} problem(s):`)), ...problems, '');
  if (report.skips.length > 0) {
    out.push(`${report.skips.length} site(s) left for a person:`);
    for (const skip of report.skips) out.push(`  ${skip.file}:${skip.line}  ${skip.pattern}: ${skip.reason}`);
    out.push('');
  }
  const patterns = Object.entries(report.patterns);
  if (patterns.length > 0) {
    out.push('coverage (migrated/sites):');
    for (const [name, counts] of patterns) out.push(`  ${name}: ${counts.migrated}/${counts.sites} (${counts.skipped} skipped)`);
  }
  const verb = report.dryRun ? 'would change' : 'changed';
  out.push(
    `${report.files.scanned} file(s) scanned, ${verb} ${report.files.changed}, wrote ${report.files.written}, ${report.changes.length} rewrite(s), in ${report.durationMs} ms`,
  );
  return `${out.join('\n')}\n`;
}
