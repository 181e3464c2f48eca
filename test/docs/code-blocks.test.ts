/**
 * Every TypeScript block of the guide, the getting-started page and the README type-checks
 * against the real `@corral/runtime` (its built declarations, with the project's strict compiler
 * options), and every block marked `run` runs to a clean exit.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { collectBlocks, extractBlocks, type CodeBlock } from './code-blocks.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
// Inside the repository, so `@corral/runtime` resolves exactly as it does for a user's project.
const workDir = join(repoRoot, 'test/.cache/doc-blocks');
const blocks = collectBlocks(repoRoot);

function fileFor(block: CodeBlock): string {
  return join(workDir, `${block.id.replace(/[^a-z0-9]+/gi, '_')}.ts`);
}

function compilerOptions(): ts.CompilerOptions {
  const configPath = join(repoRoot, 'tsconfig.base.json');
  const config = ts.readConfigFile(configPath, (path) => ts.sys.readFile(path));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, repoRoot);
  return { ...parsed.options, noEmit: true, composite: false, incremental: false, declaration: false, declarationMap: false };
}

const diagnosticsByFile = new Map<string, string[]>();

beforeAll(() => {
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  writeFileSync(join(workDir, 'package.json'), '{ "type": "module", "private": true }\n');
  for (const block of blocks) {
    // `export {}` makes every block a module of its own, so top-level await works and names of
    // different blocks never collide.
    writeFileSync(fileFor(block), `${block.code}\nexport {};\n`);
  }
  const program = ts.createProgram(blocks.map(fileFor), compilerOptions());
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const file = diagnostic.file?.fileName ?? '(global)';
    const position =
      diagnostic.file && diagnostic.start !== undefined
        ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start)
        : undefined;
    const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    const list = diagnosticsByFile.get(resolve(file)) ?? [];
    list.push(position ? `line ${position.line + 1}: ${text}` : text);
    diagnosticsByFile.set(resolve(file), list);
  }
}, 120_000);

describe('the block extractor', () => {
  it('finds ts blocks with their line, and the run marker', () => {
    const page = ['# Title', '', '```ts run', 'const a = 1;', '```', '', '```js', 'x', '```', '```typescript', 'let b', '```'].join('\n');
    expect(extractBlocks(page, 'p.md')).toEqual([
      { page: 'p.md', line: 4, code: 'const a = 1;', runnable: true, id: 'p.md:4' },
      { page: 'p.md', line: 11, code: 'let b', runnable: false, id: 'p.md:11' },
    ]);
  });

  it('takes the expected output from a text output block right after a ts block', () => {
    const page = ['```ts run', "console.log('hi');", '```', '', '```text output', 'hi', '```', '```text', 'not output', '```'].join('\n');
    expect(extractBlocks(page, 'p.md')).toEqual([
      { page: 'p.md', line: 2, code: "console.log('hi');", runnable: true, expectedOutput: 'hi', id: 'p.md:2' },
    ]);
  });
});

describe('documentation code blocks', () => {
  it('exist on the getting-started page and in the README', () => {
    expect(blocks.some((block) => block.page === 'docs/getting-started.md')).toBe(true);
    expect(blocks.some((block) => block.page === 'README.md')).toBe(true);
  });

  it.each(blocks.map((block) => [block.id, block] as const))('%s type-checks', (_id, block) => {
    expect(diagnosticsByFile.get(resolve(fileFor(block))) ?? [], `the block at ${block.id}`).toEqual([]);
  });

  const runnable = blocks.filter((block) => block.runnable);
  it.each(runnable.map((block) => [block.id, block] as const))('%s runs', async (_id, block) => {
    const outcome = await new Promise<{ code: number; output: string; stdout: string }>((done) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', fileFor(block)],
        { cwd: repoRoot, timeout: 60_000 },
        (error, stdout, stderr) =>
          done({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, output: stdout + stderr, stdout }),
      );
    });
    expect(outcome, `the block at ${block.id}`).toMatchObject({ code: 0 });
    if (block.expectedOutput !== undefined) {
      expect(outcome.stdout.trimEnd(), `what the block at ${block.id} prints`).toBe(block.expectedOutput.trimEnd());
    }
  });
});
