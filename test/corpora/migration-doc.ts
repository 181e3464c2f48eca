// Renders docs/codemods/corpora.md from the JSON reports of the last corpus migration
// (test/.cache/corpora-migration/<corpus>.json, written by migrate.test.ts). Run it after the
// migration test to refresh the page: `npx tsx test/corpora/migration-doc.ts`.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MigrateReport } from '@corral/codemods';
import { reportsDir } from './migrate-corpus.js';
import { corpusNames, type CorpusName } from './prepare.js';

/** What the page is made from: each corpus's first run (with --verify) and second run. */
export interface CorpusMigration {
  name: CorpusName;
  version: string;
  first: MigrateReport;
  second: MigrateReport;
}

export const docPath = path.resolve(import.meta.dirname, '../../docs/codemods/corpora.md');

/** The JSON file that keeps one corpus's migration between the test and this script. */
export function reportPath(name: CorpusName): string {
  return path.join(reportsDir, `${name}.json`);
}

/** A reason with its specifics (names in backticks, line numbers) taken out, to group alike skips. */
export function reasonKind(reason: string): string {
  return reason.replace(/`[^`]*`/g, '`…`').replace(/\(line[^)]*\)/g, '(line …)').replace(/\s+/g, ' ').trim();
}

const percent = (part: number, whole: number): string => (whole === 0 ? '–' : `${Math.round((100 * part) / whole)}%`);

/**
 * The page, deterministic for a given pair of runs (no times, files in order).
 *
 * @example
 * const text = renderMigrationDoc([{ name: 'mongodb', version: '7.9.0', first, second }]);
 */
export function renderMigrationDoc(runs: readonly CorpusMigration[]): string {
  const lines: string[] = [
    '# corral-migrate on real code',
    '',
    'The corpora of `test/corpora/` (see `shared/CORPORA.md`) are copied to a scratch folder and',
    'migrated with `corral-migrate src --verify --json report.json`; then a second run (a dry run)',
    'goes over the result. This page is generated from those JSON reports by',
    '`test/corpora/migration-doc.ts`, and `test/corpora/migrate.test.ts` fails when it no longer',
    'matches a fresh run.',
    '',
  ];
  lines.push('| corpus | files scanned | files changed | unparseable | restored by `--verify` | second run: files changed outside restored ones | functions that now wait |');
  lines.push('|---|---|---|---|---|---|---|');
  for (const run of runs) {
    const { first, second } = run;
    const restored = new Set(first.restored.map((entry) => entry.file));
    const again = new Set(second.changes.map((change) => change.file).filter((file) => !restored.has(file)));
    lines.push(
      `| \`${run.name}@${run.version}\` | ${first.files.scanned} | ${first.files.changed} | ${first.unparseable.length} | ${first.restored.length} | ${again.size} | ${first.nowWaits.length} |`,
    );
  }
  lines.push(
    '',
    'A file that `--verify` restored is the original again, so a second run proposes the same',
    'rewrite for it (and restores it again under `--verify`); the target for restored files is none.',
  );
  for (const run of runs) {
    const { first } = run;
    lines.push('', `## ${run.name}@${run.version}`, '', '### Coverage by pattern', '');
    lines.push(
      '| pattern | sites | migrated | of them: promises made before, only awaited in tasks | left for a person | migrated share |',
      '|---|---|---|---|---|---|',
    );
    for (const [pattern, counts] of Object.entries(first.patterns)) {
      const awaitedOnly = first.changes.filter((change) => (change.pattern ?? change.transform) === pattern && awaitsStarted(change)).length;
      lines.push(`| ${pattern} | ${counts.sites} | ${counts.migrated} | ${awaitedOnly} | ${counts.skipped} | ${percent(counts.migrated, counts.sites)} |`);
    }
    lines.push(
      '',
      'A site counted in the fourth column awaited promises that were made before the call (a list built',
      'earlier, a variable holding a running promise): they are still made exactly where they were, and',
      'the rewrite only awaits them in tasks (`mapConcurrent(list, (promise) => promise)`, or',
      '`() => name` inside `gather`), so the call returns only once every one has settled. Their work',
      'runs outside any task group and cannot be cancelled; moving it into tasks is left for a person.',
    );
    const silent = first.transforms.filter((transform) => first.byTransform[transform] === undefined);
    if (silent.length > 0) lines.push('', `Transforms that found no site in this corpus: ${silent.map((t) => `\`${t}\``).join(', ')}.`);
    lines.push('', '### Why sites were left alone', '', 'Every site left alone is in the JSON report with its file, line and full reason; alike reasons are grouped here.', '');
    lines.push('| pattern | reason | sites |', '|---|---|---|');
    const groups = new Map<string, number>();
    for (const skip of first.skips) {
      const key = `${skip.pattern}\u0000${reasonKind(skip.reason)}`;
      groups.set(key, (groups.get(key) ?? 0) + 1);
    }
    const sorted = [...groups].sort(([a, x], [b, y]) => a.split('\u0000')[0]!.localeCompare(b.split('\u0000')[0]!) || y - x || a.localeCompare(b));
    for (const [key, count] of sorted) {
      const [pattern, reason] = key.split('\u0000');
      lines.push(`| ${pattern ?? ''} | ${(reason ?? '').replace(/\|/g, '\\|')} | ${count} |`);
    }
    lines.push('', '### Functions that now wait for work they used to leave running', '');
    if (first.nowWaits.length === 0) lines.push('None.');
    for (const change of first.nowWaits) lines.push(`- \`${change.file}:${change.line}\` \`${change.functionName ?? '?'}\``);
    lines.push('', '### Files `--verify` restored', '');
    if (first.restored.length === 0) lines.push('None.');
    for (const restored of first.restored) {
      const error = (restored.errors[0] ?? '').split('   ')[0] ?? '';
      lines.push(`- \`${restored.file}\` (${restored.errors.length} error${restored.errors.length === 1 ? '' : 's'}; first: ${error.replace(/\/tmp\/[^'"\s]+/g, '<copy>')})`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Whether a change only awaits promises made before the call (see the page's coverage note). */
function awaitsStarted(change: { semantic?: string; message: string }): boolean {
  return change.semantic === 'awaits-started' || change.message.includes('a promise made earlier');
}

/** Reads the kept reports of every corpus. */
export async function readMigrations(): Promise<CorpusMigration[]> {
  const runs: CorpusMigration[] = [];
  for (const name of corpusNames) runs.push(JSON.parse(await readFile(reportPath(name), 'utf8')) as CorpusMigration);
  return runs;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await writeFile(docPath, renderMigrationDoc(await readMigrations()));
  console.log(`wrote ${docPath}`);
}
