import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** One labelled finding of a precision study. */
export interface LabelledFinding {
  readonly file: string;
  readonly line: number;
  readonly rule: string;
  /** `correct` when the code does what the message says, `wrong` when it does not; empty until labelled. */
  readonly verdict: 'correct' | 'wrong' | '';
  readonly reason: string;
  /** Whether the finding is also a bug in the corpus: `yes`, `no` or `maybe`. */
  readonly bug: string;
}

export const precisionColumns = ['file', 'line', 'rule', 'verdict', 'reason', 'bug'] as const;

/**
 * Where the labelled list of a rule lives: `docs/rules/precision/<rule>.md`, a page of the docs
 * site whose table is the list.
 */
export function precisionListPath(rule: string): string {
  return path.resolve(import.meta.dirname, '../../docs/rules/precision', `${rule}.md`);
}

function cell(value: string): string {
  return value.replaceAll('|', '\\|');
}

/**
 * The page for a rule's labelled list: a title, a few lines that say how the list was made, and
 * the table.
 *
 * @example
 * writeFileSync(precisionListPath('no-leaked-tasks'), formatPrecisionList('no-leaked-tasks', intro, rows));
 */
export function formatPrecisionList(rule: string, intro: string, rows: readonly LabelledFinding[]): string {
  const lines = [
    `# Precision sample: @corral/${rule}`,
    '',
    intro.trim(),
    '',
    `| ${precisionColumns.join(' | ')} |`,
    `|${precisionColumns.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${precisionColumns.map((column) => cell(String(row[column]))).join(' | ')} |`),
  ];
  return `${lines.join('\n')}\n`;
}

/** The text above the table, kept when the list is written again. */
export function readPrecisionIntro(file: string): string | null {
  if (!existsSync(file)) return null;
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf('\n\n');
  const end = text.indexOf('\n| file |');
  return start >= 0 && end > start ? text.slice(start + 2, end).trim() : null;
}

/** Reads the table of a labelled list; an absent file is an empty list. Throws on a malformed row. */
export function readPrecisionList(file: string): LabelledFinding[] {
  if (!existsSync(file)) return [];
  const rows = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('| '));
  const [header, ...body] = rows;
  if (header !== `| ${precisionColumns.join(' | ')} |`) throw new Error(`${file}: the table header must name ${precisionColumns.join(', ')}`);
  return body.map((line, index) => {
    const cells = line
      .slice(2, -2)
      .split(/ (?<!\\)\| /)
      .map((c) => c.replaceAll('\\|', '|'));
    if (cells.length !== precisionColumns.length) throw new Error(`${file}: row ${index + 1} has ${cells.length} cells, not ${precisionColumns.length}`);
    const [file_, lineNumber, rule, verdict, reason, bug] = cells as [string, string, string, string, string, string];
    if (verdict !== 'correct' && verdict !== 'wrong' && verdict !== '') throw new Error(`${file}: row ${index + 1}: verdict must be correct or wrong`);
    return { file: file_, line: Number(lineNumber), rule, verdict, reason, bug };
  });
}
