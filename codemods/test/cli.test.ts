// The command end to end, as a subprocess on real files: dry run, JSON report, refusals,
// unparseable input, --verify, atomic writes and exit codes.
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MigrateReport } from '../src/index.js';
import { ensureRuntimeBuilt, makeProject } from './support/fixture-project.js';
import { runCli, runInTerminal } from './support/run-cli.js';

const MIGRATABLE = `declare function a(): Promise<number>;
declare function b(): Promise<string>;

export async function both(): Promise<[number, string]> {
  // both at once
  return await Promise.all([a(), b()]);
}
`;

const SLEEPY = `export async function pause(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 5));
}
`;

const BROKEN = `export async function broken( {
  await Promise.all([
`;

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups) cleanup();
  cleanups = [];
});

function project(files: Record<string, string>): string {
  const made = makeProject(files);
  cleanups.push(() => made.dispose());
  return made.root;
}

function readReport(file: string): MigrateReport {
  return JSON.parse(readFileSync(file, 'utf8')) as MigrateReport;
}

beforeAll(() => {
  ensureRuntimeBuilt();
});

describe('usage', () => {
  it('prints help and exits 0', () => {
    const run = runCli(['--help'], tmpdir());
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Usage: corral-migrate');
    expect(run.stdout).toContain('--verify');
  });

  it('exits 2 on an unknown option, an unknown transform, or a missing tsconfig', () => {
    const root = project({ 'a.ts': MIGRATABLE });
    expect(runCli(['--frobnicate'], root).status).toBe(2);
    const unknown = runCli(['--transform', 'promise-al'], root);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('unknown transform: promise-al');
    expect(runCli(['--tsconfig', 'missing.json'], root).status).toBe(2);
    expect(readFileSync(path.join(root, 'a.ts'), 'utf8')).toBe(MIGRATABLE);
  });
});

describe('--dry-run', () => {
  it('prints a plain unified diff and writes nothing', () => {
    const root = project({ 'a.ts': MIGRATABLE, 'b.ts': SLEEPY });
    const before = statSync(path.join(root, 'a.ts'));
    const run = runCli(['--dry-run'], root);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('--- a/a.ts');
    expect(run.stdout).toContain('+++ b/a.ts');
    expect(run.stdout).toContain('-  return await Promise.all([a(), b()]);');
    expect(run.stdout).toContain('+  return await gather(() => a(), () => b());');
    expect(run.stdout).toContain('+  await sleep(5);');
    // Not a terminal: no colour codes, no progress bar.
    expect(run.stdout).not.toContain('\x1b[');
    expect(run.stderr).not.toContain('\r[');
    expect(readFileSync(path.join(root, 'a.ts'), 'utf8')).toBe(MIGRATABLE);
    expect(readFileSync(path.join(root, 'b.ts'), 'utf8')).toBe(SLEEPY);
    expect(statSync(path.join(root, 'a.ts')).mtimeMs).toBe(before.mtimeMs);
    expect(run.stderr).toContain('would change 2');
  });
});

describe('writing', () => {
  it('replaces files atomically (a new inode, no temporary file left) and a second run changes nothing', () => {
    const root = project({ 'a.ts': MIGRATABLE });
    const inodeBefore = statSync(path.join(root, 'a.ts')).ino;
    const first = runCli([], root);
    expect(first.status).toBe(0);
    const written = readFileSync(path.join(root, 'a.ts'), 'utf8');
    expect(written).toContain('return await gather(() => a(), () => b());');
    expect(written).toContain('// both at once');
    expect(statSync(path.join(root, 'a.ts')).ino).not.toBe(inodeBefore);
    expect(readdirSync(root).filter((name) => name.endsWith('.tmp'))).toEqual([]);

    const second = runCli(['--json', 'again.json'], root);
    expect(second.status).toBe(0);
    expect(readFileSync(path.join(root, 'a.ts'), 'utf8')).toBe(written);
    expect(readReport(path.join(root, 'again.json')).files.changed).toBe(0);
  });
});

describe('formatting', () => {
  it('keeps CRLF line endings, and --root with a path from another directory', () => {
    const crlf = SLEEPY.replace(/\n/g, '\r\n');
    const root = project({ 'b.ts': crlf });
    mkdirSync(path.join(root, 'sub'));
    const run = runCli(['--root', '..', '../b.ts'], path.join(root, 'sub'));
    expect(run.status).toBe(0);
    const after = readFileSync(path.join(root, 'b.ts'), 'utf8');
    expect(after).toBe("import { sleep } from '@corral/runtime';\r\n\r\n" + crlf.replace('await new Promise((resolve) => setTimeout(resolve, 5));', 'await sleep(5);'));
  });
});

describe('byte-order mark', () => {
  it('keeps a byte-order mark at the start of the file', () => {
    const root = project({ 'b.ts': `\uFEFF${SLEEPY}` });
    expect(runCli([], root).status).toBe(0);
    const after = readFileSync(path.join(root, 'b.ts'), 'utf8');
    expect(after.startsWith("\uFEFFimport { sleep } from '@corral/runtime';\n")).toBe(true);
    expect(after).toContain('await sleep(5);');
  });
});

describe('bad input', () => {
  it('reports a file that does not parse, leaves it byte for byte, migrates the rest, exits 1', () => {
    const root = project({ 'broken.ts': BROKEN, 'a.ts': MIGRATABLE });
    const run = runCli(['--json', 'report.json'], root);
    expect(run.status).toBe(1);
    expect(readFileSync(path.join(root, 'broken.ts'), 'utf8')).toBe(BROKEN);
    expect(readFileSync(path.join(root, 'a.ts'), 'utf8')).toContain('gather(');
    const report = readReport(path.join(root, 'report.json'));
    expect(report.unparseable.map((entry) => entry.file)).toEqual(['broken.ts']);
    expect(report.unparseable[0]?.errors[0]).toMatch(/^line \d+: TS\d+/);
    expect(run.stderr).toContain('broken.ts: does not parse, left unchanged');
  });

  it('refuses a path outside the project root and a symbolic link that leaves it', () => {
    const outside = mkdtempSync(path.join(tmpdir(), 'corral-outside-'));
    cleanups.push(() => rmSync(outside, { recursive: true, force: true }));
    writeFileSync(path.join(outside, 'victim.ts'), MIGRATABLE);
    mkdirSync(path.join(outside, 'dir'));
    writeFileSync(path.join(outside, 'dir', 'deep.ts'), MIGRATABLE);
    const root = project({ 'a.ts': MIGRATABLE });
    symlinkSync(path.join(outside, 'victim.ts'), path.join(root, 'link.ts'));
    symlinkSync(path.join(outside, 'dir'), path.join(root, 'linked-dir'));

    const run = runCli(['.', path.join(outside, 'victim.ts'), '--json', 'report.json'], root);
    expect(run.status).toBe(1);
    expect(readFileSync(path.join(outside, 'victim.ts'), 'utf8')).toBe(MIGRATABLE);
    expect(readFileSync(path.join(outside, 'dir', 'deep.ts'), 'utf8')).toBe(MIGRATABLE);
    expect(readFileSync(path.join(root, 'a.ts'), 'utf8')).toContain('gather(');
    const report = readReport(path.join(root, 'report.json'));
    const refused = report.refused.map((entry) => `${path.basename(entry.path)}: ${entry.reason}`);
    expect(refused).toContainEqual(expect.stringMatching(/^link\.ts: reached through a symbolic link that leaves the project root/));
    expect(refused).toContainEqual(expect.stringMatching(/^linked-dir: reached through a symbolic link/));
    expect(refused).toContainEqual(expect.stringMatching(/^victim\.ts: outside the project root/));
  });
});

describe('--verify', () => {
  it('keeps every file that would gain a type error unchanged, reports it, and exits 1', () => {
    // No mapping for @corral/runtime: every rewritten file would gain "Cannot find module".
    const root = project({ 'a.ts': MIGRATABLE, 'plain.ts': 'export const one = 1;\n' });
    const config = JSON.parse(readFileSync(path.join(root, 'tsconfig.json'), 'utf8')) as { compilerOptions: Record<string, unknown> };
    delete config.compilerOptions['paths'];
    writeFileSync(path.join(root, 'tsconfig.json'), JSON.stringify(config));

    const run = runCli(['--verify', '--json', 'report.json'], root);
    expect(run.status).toBe(1);
    expect(readFileSync(path.join(root, 'a.ts'), 'utf8')).toBe(MIGRATABLE);
    const report = readReport(path.join(root, 'report.json'));
    expect(report.restored.map((entry) => entry.file)).toEqual(['a.ts']);
    expect(report.restored[0]?.errors.join('\n')).toContain("TS2307: Cannot find module '@corral/runtime'");
    expect(report.changes).toEqual([]);
    expect(report.skips).toContainEqual(expect.objectContaining({ file: 'a.ts', reason: 'rewrite not kept (file restored or not written)' }));
    expect(report.verify?.source).toBe('ours');

    // Without --verify the same run writes the file that does not type-check: the case is real.
    expect(runCli([], root).status).toBe(0);
    expect(readFileSync(path.join(root, 'a.ts'), 'utf8')).toContain("from '@corral/runtime'");
  });

  it('keeps the rewrite when it type-checks, with the project compiler in the report', () => {
    const root = project({ 'a.ts': MIGRATABLE, 'b.ts': SLEEPY });
    const run = runCli(['--verify', '--json', 'report.json'], root);
    expect(run.status).toBe(0);
    const report = readReport(path.join(root, 'report.json'));
    expect(report.restored).toEqual([]);
    expect(report.files.written).toBe(2);
    expect(report.verify?.compiler).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe('CommonJS projects', () => {
  it('reports the sites of a CommonJS file as skips, since it cannot import the runtime, and migrates ES module files', () => {
    const root = project({ 'a.ts': MIGRATABLE, 'b.mts': SLEEPY, 'package.json': '{ "name": "legacy" }\n' });
    const config = JSON.parse(readFileSync(path.join(root, 'tsconfig.json'), 'utf8')) as { compilerOptions: Record<string, unknown> };
    config.compilerOptions['module'] = 'node16';
    config.compilerOptions['moduleResolution'] = 'node16';
    writeFileSync(path.join(root, 'tsconfig.json'), JSON.stringify(config));

    const run = runCli(['--verify', '--json', 'report.json'], root);
    expect(run.status).toBe(0);
    expect(readFileSync(path.join(root, 'a.ts'), 'utf8')).toBe(MIGRATABLE);
    expect(readFileSync(path.join(root, 'b.mts'), 'utf8')).toContain('await sleep(5);');
    const report = readReport(path.join(root, 'report.json'));
    expect(report.restored).toEqual([]);
    expect(report.skips).toEqual([expect.objectContaining({ file: 'a.ts', pattern: 'Promise.all', reason: expect.stringContaining('this file is CommonJS and @corral/runtime is an ES module') as unknown })]);
  });
});

describe('--json report', () => {
  it('lists every change and skip with its reason, semantic changes first-class, and counts per pattern', () => {
    const root = project({
      'a.ts': MIGRATABLE,
      'b.ts': SLEEPY,
      'c.ts': `declare function a(): Promise<number>;\nexport async function stored(): Promise<void> {\n  const both = Promise.all([a(), a()]);\n  await both;\n}\n`,
    });
    const run = runCli(['--dry-run', '--json', 'report.json', '--transform', 'promise-all-to-gather,timer-sleep-to-sleep'], root);
    expect(run.status).toBe(0);
    const report = readReport(path.join(root, 'report.json'));
    expect(report.schemaVersion).toBe(1);
    expect(report.transforms).toEqual(['promise-all-to-gather', 'timer-sleep-to-sleep']);
    expect(report.dryRun).toBe(true);
    expect(report.files).toEqual({ scanned: 3, changed: 2, written: 0, unchanged: 1 });
    expect(report.patterns).toEqual({
      'Promise.all': { sites: 2, migrated: 1, skipped: 1 },
      'timer sleep': { sites: 1, migrated: 1, skipped: 0 },
    });
    expect(report.changes).toContainEqual(expect.objectContaining({ transform: 'promise-all-to-gather', file: 'a.ts', line: 6, semantic: 'cancels-siblings' }));
    expect(report.semanticChanges.map((change) => change.file)).toEqual(['a.ts']);
    expect(report.nowWaits).toEqual([]);
    expect(report.skips).toEqual([
      expect.objectContaining({ transform: 'promise-all-to-gather', file: 'c.ts', line: 3, pattern: 'Promise.all', reason: expect.stringContaining('not awaited or returned at once') as unknown }),
    ]);
    expect(report.exitCode).toBe(0);
    expect(run.stderr).toContain('Promise.all: 1/2 (1 skipped)');
  });
});

describe('on a terminal', () => {
  it('colours the diff and draws a progress bar over a large run', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 24; i++) files[`m${String(i).padStart(2, '0')}.ts`] = MIGRATABLE;
    const root = project(files);
    // `script` runs the command on a real pseudo-terminal.
    const run = runInTerminal(['--dry-run'], root);
    expect(run.status).toBe(0);
    expect(run.output).toContain('\x1b[32m+  return await gather(() => a(), () => b());');
    expect(run.output).toMatch(/\r\[#+\] 24\/24 /);
    expect(readFileSync(path.join(root, 'm00.ts'), 'utf8')).toBe(MIGRATABLE);
  });
});
