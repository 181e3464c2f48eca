// The engine's own rules, through migrate() with small real transforms: runtime imports merged
// (never into `import type`), conflicting sites settled (first transform wins, the other is a
// skip), edits applied on original offsets, atomic writes.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Node } from 'ts-morph';
import { afterEach, describe, expect, it } from 'vitest';
import { applyEdits, lineOf } from '../src/engine/apply-edits.js';
import { writeFileAtomic } from '../src/engine/atomic-write.js';
import { migrate, type Transform, type TransformResult } from '../src/index.js';
import { makeProject } from './support/fixture-project.js';

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups) cleanup();
  cleanups = [];
});

/** Renames every call of `from` to the runtime's `to`, one site per call. */
function renameCalls(name: string, from: string, to: string): Transform {
  return {
    name,
    summary: `${from}() -> ${to}()`,
    run(file, ctx): TransformResult {
      const result: TransformResult = { edits: [], changes: [], skips: [], imports: [], sites: 0 };
      file.forEachDescendant((node) => {
        if (!Node.isCallExpression(node) || node.getExpression().getText() !== from) return;
        const siteId = result.sites++;
        const callee = node.getExpression();
        result.edits.push({ start: callee.getStart(), end: callee.getEnd(), text: to, siteId });
        result.changes.push({ transform: name, file: ctx.filePath, line: node.getStartLineNumber(), message: `${from} -> ${to}`, pattern: from, siteId });
        result.imports.push(to);
      });
      return result;
    },
  };
}

async function run(files: Record<string, string>, transforms: Transform[]) {
  const made = makeProject(files);
  cleanups.push(() => made.dispose());
  const result = await migrate({ projectRoot: made.root, cwd: made.root, availableTransforms: transforms, dryRun: true });
  const after = Object.fromEntries(result.rewrites.map((rewrite) => [rewrite.file, rewrite.after]));
  return { ...result, after };
}

describe('runtime imports', () => {
  it('merges names into an existing value import and leaves `import type` alone', async () => {
    const source = [
      "import type { TaskGroup } from '@corral/runtime';",
      "import { sleep } from '@corral/runtime';",
      '',
      'declare function legacy(): Promise<void>;',
      'export async function f(tg?: TaskGroup): Promise<void> {',
      '  await legacy();',
      '  await sleep(1);',
      '}',
      '',
    ].join('\n');
    const { after } = await run({ 'a.ts': source }, [renameCalls('t', 'legacy', 'checkpoint')]);
    expect(after['a.ts']).toBe(source.replace("import { sleep } from", 'import { sleep, checkpoint } from').replace('await legacy()', 'await checkpoint()'));
  });

  it("adds a declaration after the last import, in the file's quote and brace style", async () => {
    const source = ['import {readFile} from "node:fs/promises";', '', 'declare function legacy(): Promise<void>;', 'export const p = legacy();', 'readFile', ''].join('\n');
    const { after } = await run({ 'a.ts': source.replace('readFile\n', 'void readFile;\n') }, [renameCalls('t', 'legacy', 'checkpoint')]);
    expect(after['a.ts']?.split('\n').slice(0, 2)).toEqual(['import {readFile} from "node:fs/promises";', 'import {checkpoint} from "@corral/runtime";']);
  });

  it('adds a declaration above the first statement (and its JSDoc) when the file has no import', async () => {
    const source = '// licence header\n\n/** Docs. */\nexport const p = legacy();\ndeclare function legacy(): Promise<void>;\n';
    const { after } = await run({ 'a.ts': source }, [renameCalls('t', 'legacy', 'checkpoint')]);
    expect(after['a.ts']).toBe("// licence header\n\nimport { checkpoint } from '@corral/runtime';\n\n/** Docs. */\nexport const p = checkpoint();\ndeclare function legacy(): Promise<void>;\n");
  });

  it('uses an alias request (`sleep as corralSleep`) as written', async () => {
    const aliasing: Transform = { ...renameCalls('t', 'legacy', 'corralSleep'), run: (file, ctx) => ({ ...renameCalls('t', 'legacy', 'corralSleep').run(file, ctx), imports: ['sleep as corralSleep'] }) };
    const { after } = await run({ 'a.ts': 'declare function legacy(ms: number): Promise<void>;\nexport const p = legacy(1);\n' }, [aliasing]);
    expect(after['a.ts']?.startsWith("import { sleep as corralSleep } from '@corral/runtime';\n\n")).toBe(true);
  });
});

describe('conflicts between transforms', () => {
  it('keeps the first transform\'s site, turns the overlapping one into a skip, and keeps the other sites', async () => {
    const source = 'declare function legacy(): Promise<void>;\nexport const a = legacy();\n';
    const { after, report } = await run({ 'a.ts': source }, [renameCalls('first', 'legacy', 'checkpoint'), renameCalls('second', 'legacy', 'sleep')]);
    expect(after['a.ts']).toContain('export const a = checkpoint();');
    expect(after['a.ts']).not.toContain('sleep');
    expect(report.changes.map((change) => change.transform)).toEqual(['first']);
    expect(report.skips).toEqual([expect.objectContaining({ transform: 'second', line: 2, reason: 'overlaps a rewrite by first, which ran first' })]);
    expect(report.patterns['legacy']).toEqual({ sites: 2, migrated: 1, skipped: 1 });
  });

  it('reports a transform that throws, leaves the file unchanged, and exits 1', async () => {
    const throwing: Transform = { name: 'throws', summary: 'always fails', run: () => { throw new Error('boom'); } };
    const { report, rewrites } = await run({ 'a.ts': 'export const a = 1;\n' }, [throwing]);
    expect(rewrites).toEqual([]);
    expect(report.failed).toEqual([expect.objectContaining({ file: 'a.ts', reason: expect.stringContaining('transform throws failed: Error: boom') as unknown })]);
    expect(report.exitCode).toBe(1);
  });

  it('reports a transform whose site count does not match its changes and skips', async () => {
    const miscounting: Transform = {
      name: 'miscounts',
      summary: 'sees a site it does not report',
      run: () => ({ edits: [], changes: [], skips: [], imports: [], sites: 1 }),
    };
    const { report } = await run({ 'a.ts': 'export const a = 1;\n' }, [miscounting]);
    expect(report.failed).toEqual([{ file: 'a.ts', reason: 'transform miscounts saw 1 site(s) but reported 0 change(s) and 0 skip(s)' }]);
    expect(report.exitCode).toBe(1);
  });

  it('refuses a rewrite that would not parse', async () => {
    const breaking: Transform = {
      name: 'breaks',
      summary: 'writes an unbalanced paren',
      run: (file) => ({ edits: file.getFullText().startsWith('(') ? [] : [{ start: 0, end: 0, text: '(' }], changes: [{ transform: 'breaks', file: file.getFilePath(), line: 1, message: 'x' }], skips: [], imports: [], sites: 1 }),
    };
    const { report, rewrites } = await run({ 'a.ts': 'export const a = 1;\n' }, [breaking]);
    expect(rewrites).toEqual([]);
    expect(report.failed[0]?.reason).toContain('the rewrite would not parse');
  });
});

describe('--verify', () => {
  it('keeps unchanged a rewritten file whose change breaks a file that imports it, and keeps the rest', async () => {
    // The rewrite turns `limit` into a string: a.ts itself still type-checks, b.ts does not.
    const retype: Transform = {
      name: 'retype',
      summary: 'makes limit a string',
      run(file, ctx) {
        const result: TransformResult = { edits: [], changes: [], skips: [], imports: [], sites: 0 };
        const at = file.getFullText().indexOf('= 10;');
        if (at === -1) return result;
        result.sites = 1;
        result.edits.push({ start: at, end: at + 5, text: "= '10';", siteId: 0 });
        result.changes.push({ transform: 'retype', file: ctx.filePath, line: 1, message: 'retyped', siteId: 0 });
        return result;
      },
    };
    const made = makeProject({
      'a.ts': 'export const limit = 10;\n',
      'b.ts': "import { limit } from './a.js';\nexport const twice: number = limit * 2;\n",
      'c.ts': 'export const other = 10;\n',
    });
    cleanups.push(() => made.dispose());
    const { report, rewrites } = await migrate({ projectRoot: made.root, cwd: made.root, availableTransforms: [retype], verify: true });
    expect(report.restored).toEqual([
      { file: 'a.ts', errors: [expect.stringMatching(/^in b\.ts, line 2: TS2362: /) as unknown] },
    ]);
    expect(rewrites.map((rewrite) => rewrite.file)).toEqual(['c.ts']);
    expect(readFileSync(path.join(made.root, 'a.ts'), 'utf8')).toBe('export const limit = 10;\n');
    expect(readFileSync(path.join(made.root, 'c.ts'), 'utf8')).toBe("export const other = '10';\n");
    expect(report.exitCode).toBe(1);
  });
});

describe('applyEdits', () => {
  it('applies edits on original offsets, insertions at one point in the given order', () => {
    const text = 'Promise.all([a(), b()])';
    const edits = [
      { start: 0, end: 11, text: 'gather' },
      { start: 12, end: 13, text: '' },
      { start: 13, end: 13, text: '() => ' },
      { start: 18, end: 18, text: '() => ' },
      { start: 21, end: 22, text: '' },
    ];
    expect(applyEdits(text, edits)).toBe('gather(() => a(), () => b())');
    expect(() => applyEdits(text, [{ start: 0, end: 5, text: '' }, { start: 3, end: 6, text: '' }])).toThrow(RangeError);
    expect(lineOf('a\nb\nc', 4)).toBe(3);
  });
});

describe('writeFileAtomic', () => {
  it('replaces the file through a rename, keeps its mode, and leaves no temporary file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'corral-atomic-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'a.ts');
    writeFileSync(file, 'old');
    chmodSync(file, 0o640);
    const inode = statSync(file).ino;
    writeFileAtomic(file, 'new');
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(statSync(file).ino).not.toBe(inode);
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir)).toEqual(['a.ts']);
  });

  it('throws and leaves nothing behind when the file is missing', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'corral-atomic-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    expect(() => writeFileAtomic(path.join(dir, 'missing.ts'), 'x')).toThrow();
    expect(existsSync(path.join(dir, 'missing.ts'))).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });
});
