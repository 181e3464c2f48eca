/**
 * Finds the TypeScript code blocks of the documentation pages that promise working code: every
 * guide page (whoever adds it), the getting-started page, the pitfalls page and the README.
 *
 * A block is a fenced block whose info string starts with `ts` or `typescript`. Each block is a
 * complete module on its own. A block whose info string also says `run` (```` ```ts run ````) is
 * executed as well, and must exit cleanly; when a ```` ```text output ```` block follows it, what
 * the block prints must be exactly that text.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface CodeBlock {
  /** The page, relative to the repository root. */
  page: string;
  /** The line of the page where the code starts (after the fence), 1-based. */
  line: number;
  code: string;
  runnable: boolean;
  /** What the block prints, from the `text output` block that follows it, if any. */
  expectedOutput?: string;
  /** A name that is unique within the run: page and line. */
  id: string;
}

const fence = /^(\s*)(`{3,}|~{3,})\s*([^\s`]*)([^`]*)$/;

export function extractBlocks(markdown: string, page: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const lines = markdown.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const open = fence.exec(lines[index] ?? '');
    if (open === null) continue;
    const [, , marker = '```', lang = '', meta = ''] = open;
    const start = index + 1;
    let end = start;
    while (end < lines.length && !(lines[end] ?? '').trim().startsWith(marker)) end++;
    if (lang === 'ts' || lang === 'typescript') {
      const block: CodeBlock = {
        page,
        line: start + 1,
        code: lines.slice(start, end).join('\n'),
        runnable: /(^|\s)run(\s|$)/.test(meta),
        id: `${page}:${start + 1}`,
      };
      const output = outputAfter(lines, end + 1);
      if (output !== undefined) block.expectedOutput = output;
      blocks.push(block);
    }
    index = end;
  }
  return blocks;
}

/** The content of a `text output` block starting at `from` (blank lines skipped), if there is one. */
function outputAfter(lines: readonly string[], from: number): string | undefined {
  let index = from;
  while (index < lines.length && (lines[index] ?? '').trim() === '') index++;
  const open = fence.exec(lines[index] ?? '');
  if (open === null || open[3] !== 'text' || !/(^|\s)output(\s|$)/.test(open[4] ?? '')) return undefined;
  const marker = open[2] ?? '```';
  let end = index + 1;
  while (end < lines.length && !(lines[end] ?? '').trim().startsWith(marker)) end++;
  return lines.slice(index + 1, end).join('\n');
}

/** The pages whose code blocks are checked, found afresh on every run. */
export function checkedPages(repoRoot: string): string[] {
  const guide = join(repoRoot, 'docs/guide');
  const guidePages = readdirSync(guide)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => join(guide, name));
  return [
    ...guidePages,
    join(repoRoot, 'docs/getting-started.md'),
    join(repoRoot, 'docs/pitfalls.md'),
    join(repoRoot, 'README.md'),
  ].map((path) =>
    relative(repoRoot, path),
  );
}

export function collectBlocks(repoRoot: string): CodeBlock[] {
  return checkedPages(repoRoot).flatMap((page) => extractBlocks(readFileSync(join(repoRoot, page), 'utf8'), page));
}
