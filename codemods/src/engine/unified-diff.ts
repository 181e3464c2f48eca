/**
 * The unified diff that `--dry-run` prints, coloured only when the output is a terminal (so a
 * diff piped into a file or `patch` stays plain).
 */
import { createTwoFilesPatch } from 'diff';
import pc from 'picocolors';

/**
 * A unified diff of one file, with `a/` and `b/` prefixes as `git diff` prints them.
 *
 * @example
 * ```ts
 * process.stdout.write(unifiedDiff('src/a.ts', before, after, process.stdout.isTTY));
 * ```
 */
export function unifiedDiff(relativePath: string, before: string, after: string, colour: boolean): string {
  const patch = createTwoFilesPatch(`a/${relativePath}`, `b/${relativePath}`, before, after, undefined, undefined, { context: 3 });
  // The first line of the patch is a separator that `git apply` does not need.
  const lines = patch.split('\n').filter((line, index) => !(index === 0 && line.startsWith('====')));
  if (!colour) return lines.join('\n');
  return lines
    .map((line) => {
      if (line.startsWith('+++') || line.startsWith('---')) return pc.bold(line);
      if (line.startsWith('@@')) return pc.cyan(line);
      if (line.startsWith('+')) return pc.green(line);
      if (line.startsWith('-')) return pc.red(line);
      return line;
    })
    .join('\n');
}
