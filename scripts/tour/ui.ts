/**
 * The tour's terminal output: colour on a terminal, plain text anywhere else (a pipe, a file, a
 * test). `FORCE_COLOR` and `NO_COLOR` are honoured as picocolors reads them.
 */
import picocolors from 'picocolors';

const colourWanted = picocolors.isColorSupported && (process.stdout.isTTY === true || 'FORCE_COLOR' in process.env);

export const colour = picocolors.createColors(colourWanted);

/** Whether the output is decorated; the dry-run diff is only coloured when it is. */
export const isDecorated = colourWanted;

export function write(text = ''): void {
  process.stdout.write(`${text}\n`);
}

export function heading(step: number, total: number, title: string): void {
  write();
  write(colour.bold(colour.cyan(`[${step}/${total}] ${title}`)));
}

export function indent(text: string, by = 2): string {
  const pad = ' '.repeat(by);
  return text
    .split('\n')
    .map((line) => (line === '' ? line : pad + line))
    .join('\n');
}

/** A step that could not run says so, and why, in one recognisable line. */
export function unavailable(reason: string): void {
  write(indent(colour.yellow(`UNAVAILABLE: ${reason}`)));
}

export function failure(reason: string): void {
  write(indent(colour.red(`FAILED: ${reason}`)));
}

export function good(text: string): string {
  return colour.green(text);
}

export function bad(text: string): string {
  return colour.red(text);
}

export function dim(text: string): string {
  return colour.dim(text);
}

/** Colours a unified diff line by line; plain output leaves it exactly as the tool wrote it. */
export function colourDiff(diff: string): string {
  if (!isDecorated) return diff;
  return diff
    .split('\n')
    .map((line) => {
      if (line.startsWith('+++') || line.startsWith('---')) return colour.bold(line);
      if (line.startsWith('+')) return colour.green(line);
      if (line.startsWith('-')) return colour.red(line);
      if (line.startsWith('@@')) return colour.cyan(line);
      return line;
    })
    .join('\n');
}

export function plural(count: number, word: string, many = `${word}s`): string {
  return `${count} ${count === 1 ? word : many}`;
}
