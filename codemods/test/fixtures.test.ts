// Every transform against its fixtures: the output is exactly the expected text, every output
// type-checks against the real @corral/runtime declarations, a second run changes nothing, and
// every unchanged case reports why it was left alone.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Project } from 'ts-morph';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, transforms, type MigrateReport } from '../src/index.js';
import { ensureRuntimeBuilt, fixtureCases, fixturesRoot, projectFromFixtures } from './support/fixture-project.js';

const OWN_TRANSFORMS = [
  'promise-all-to-gather',
  'promise-all-settled-to-gather-settled',
  'promise-race-to-race',
  'race-timeout-to-fail-after',
  'timer-sleep-to-sleep',
];

beforeAll(() => {
  ensureRuntimeBuilt();
});

describe.each(OWN_TRANSFORMS)('%s', (name) => {
  const cases = fixtureCases(name);
  let project: ReturnType<typeof projectFromFixtures>;
  let report: MigrateReport;

  beforeAll(async () => {
    project = projectFromFixtures(name);
    ({ report } = await migrate({ projectRoot: project.root, cwd: project.root, transforms: [name] }));
  });
  afterAll(() => project.dispose());

  it('has fixtures, among them an unchanged case', () => {
    expect(cases.length).toBeGreaterThanOrEqual(2);
    expect(cases.some((c) => c.output === c.input)).toBe(true);
    for (const c of cases) expect(c.output, `${c.name}.output.ts is missing`).toBeDefined();
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s: output matches', (_, c) => {
    expect(readFileSync(path.join(project.root, `${c.name}.ts`), 'utf8')).toBe(c.output);
  });

  it('reports every site of an unchanged case as a skip with a reason', () => {
    for (const c of cases.filter((each) => each.output === each.input)) {
      const skips = report.skips.filter((skip) => skip.file === `${c.name}.ts`);
      expect(skips.length, `${c.name} reports no skip`).toBeGreaterThan(0);
      for (const skip of skips) expect(skip.reason.length).toBeGreaterThan(10);
    }
    expect(report.failed).toEqual([]);
    expect(report.exitCode).toBe(0);
  });

  it('counts every rewrite and skip as a site', () => {
    const counts = report.byTransform[name];
    expect(counts).toBeDefined();
    expect(counts?.migrated).toBe(report.changes.length);
    expect(counts?.sites).toBe(report.changes.length + report.skips.length);
  });

  it('changes nothing when run again on its own output (the transform alone, then the engine)', async () => {
    const transform = transforms.find((t) => t.name === name);
    if (!transform) throw new Error(`${name} is not registered`);
    const again = new Project({ tsConfigFilePath: path.join(project.root, 'tsconfig.json') });
    for (const c of cases) {
      const file = again.getSourceFileOrThrow(path.join(project.root, `${c.name}.ts`));
      const result = transform.run(file, { filePath: file.getFilePath(), projectRoot: project.root });
      expect(result.edits, `${c.name}: second run edits`).toEqual([]);
    }
    const second = await migrate({ projectRoot: project.root, cwd: project.root, transforms: [name] });
    expect(second.rewrites).toEqual([]);
  });
});

it('every fixture input and output type-checks against @corral/runtime', () => {
  const configPath = path.join(fixturesRoot, 'tsconfig.json');
  const parsed = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  if (!parsed) throw new Error('cannot read the fixtures tsconfig');
  expect(parsed.fileNames.filter((file) => file.endsWith('.output.ts')).length).toBeGreaterThanOrEqual(15);
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
  const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
  expect(diagnostics).toEqual([]);
});
