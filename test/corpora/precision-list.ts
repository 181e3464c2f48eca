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

/** Where the labelled list of a rule lives: `docs/rules/precision/<rule>.csv`. */
export function precisionCsvPath(rule: string): string {
  return path.resolve(import.meta.dirname, '../../docs/rules/precision', `${rule}.csv`);
}

function quote(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** The CSV text of `rows`, with a header line. */
export function formatPrecisionCsv(rows: readonly LabelledFinding[]): string {
  const lines = [precisionColumns.join(',')];
  for (const row of rows) lines.push(precisionColumns.map((column) => quote(String(row[column]))).join(','));
  return `${lines.join('\n')}\n`;
}

/** Reads a labelled list; an absent file is an empty list. Throws on a malformed line. */
export function readPrecisionCsv(file: string): LabelledFinding[] {
  if (!existsSync(file)) return [];
  const [header, ...lines] = readFileSync(file, 'utf8').trimEnd().split('\n');
  if (header !== precisionColumns.join(',')) throw new Error(`${file}: the header must be ${precisionColumns.join(',')}`);
  return lines.map((line, index) => {
    const cells = splitCsvLine(line);
    if (cells.length !== precisionColumns.length) throw new Error(`${file}:${index + 2}: expected ${precisionColumns.length} cells, got ${cells.length}`);
    const [file_, lineNumber, rule, verdict, reason, bug] = cells as [string, string, string, string, string, string];
    if (verdict !== 'correct' && verdict !== 'wrong' && verdict !== '') throw new Error(`${file}:${index + 2}: verdict must be correct or wrong`);
    return { file: file_, line: Number(lineNumber), rule, verdict, reason, bug };
  });
}

function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      cells.push(cell);
      cell = '';
    } else cell += char;
  }
  cells.push(cell);
  return cells;
}
