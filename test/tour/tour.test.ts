/**
 * `npm start` end to end, without a terminal: the real plugin, the real `corral-migrate`, the
 * real runtime, and both crawlers against a real local HTTP server with the injected failure.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeCopy, runTour, type TourRun } from './run-tour.js';

describe('npm start on the bundled legacy crawler', () => {
  let tour: TourRun;
  beforeAll(async () => {
    tour = await runTour([]);
  }, 600_000);
  afterAll(() => removeCopy(tour?.facts));

  it('runs all five steps for real and exits 0', () => {
    expect(tour.facts.steps.map((step) => [step.title, step.status])).toEqual(
      tour.facts.steps.map((step) => [step.title, 'ok']),
    );
    expect(tour.facts.steps).toHaveLength(5);
    expect(tour.output).not.toContain('UNAVAILABLE');
    expect(tour.exitCode).toBe(0);
  });

  it('prints plain text when stdout is not a terminal', () => {
    expect(tour.output).not.toContain(String.fromCharCode(27));
    expect(tour.output).toContain('[1/5] Lint with @corral/eslint-plugin');
  });

  it('lints every file with every rule, grouped by rule with file and line', () => {
    const before = tour.facts.lint.before;
    expect(before?.notes).toEqual([]);
    expect(before?.byRule['@corral/no-leaked-tasks']).toEqual([expect.stringMatching(/^src\/crawler\.ts:\d+$/), expect.stringMatching(/^src\/crawler\.ts:\d+$/)]);
    const native = before?.byRule['@corral/no-native-primitives'] ?? [];
    // Promise.all and p-limit in the crawler, the sleep and the AbortController timeout in
    // fetch-page, the Promise.race timeout in robots.
    expect(new Set(native.map((site) => site.split(':')[0]))).toEqual(
      new Set(['src/crawler.ts', 'src/fetch-page.ts', 'src/robots.ts']),
    );
    expect(tour.output).toMatch(/@corral\/no-leaked-tasks \(2\)\n\s+src\/crawler\.ts:\d+ /);
  });

  it('shows the dry run as a unified diff', () => {
    expect(tour.output).toContain('--- a/src/crawler.ts');
    expect(tour.output).toMatch(/\n\s+-\s+await Promise\.all\(/);
    expect(tour.output).toMatch(/\n\s+\+import \{[^}]*\} from '@corral\/runtime';/);
  });

  it('migrates a copy, and the linter finds less in it', () => {
    expect(tour.facts.changedFiles).toEqual(expect.arrayContaining(['src/crawler.ts', 'src/fetch-page.ts', 'src/robots.ts']));
    const before = tour.facts.lint.before?.total ?? 0;
    const after = tour.facts.lint.after?.total ?? Infinity;
    expect(after).toBeLessThan(before);
    expect(tour.facts.lint.after?.byRule['@corral/no-leaked-tasks']).toBeUndefined();
  });

  it('shows the legacy crawler leaving work running and losing errors after the failure', () => {
    const legacy = tour.facts.runs?.legacy;
    expect(legacy?.outcome).toBe('failed');
    expect(legacy?.thrown).toMatch(/HTTP 500 from .*\/pricing/);
    expect(legacy?.settled.inFlight).toContain('/reports/annual');
    expect(legacy?.settled.pendingTimers.length).toBeGreaterThan(0);
    expect(legacy?.lost.length).toBeGreaterThan(0);
    expect(legacy?.reported).toHaveLength(1);
  });

  it('shows the migrated crawler cancelling its siblings, reporting every error, leaving nothing running', () => {
    const migrated = tour.facts.runs?.migrated;
    expect(migrated?.outcome).toBe('failed');
    expect(migrated?.thrown).toMatch(/HTTP 500 from .*\/pricing/);
    expect(migrated?.lost).toEqual([]);
    expect(migrated?.unhandledRejections).toEqual([]);
    expect(migrated?.firstError?.inFlight).toContain('/reports/annual');
    expect(migrated?.settled.inFlight).toEqual([]);
    // The probe does see the runtime's own timers (a deadline was pending at the first error), so
    // "no timer pending" once crawl() has returned is an observation, not a blind spot.
    expect(migrated?.firstError?.pendingTimers.length).toBeGreaterThan(0);
    expect(migrated?.settled.pendingTimers).toEqual([]);
    expect(migrated?.settled.tasks).toEqual([]);
    expect(migrated?.requestsAfterSettle).toBe(0);
    // The task tree at the first error: the failing visit and its running siblings.
    expect(migrated?.firstError?.tasks?.length).toBeGreaterThan(1);
    expect(tour.output).toMatch(/task tree at the first error \(\d+ ms, \d+ tasks\):/);
  });

  it('ends with a summary of findings, changed files and time', () => {
    expect(tour.output).toMatch(/lint findings: \d+ before, \d+ after migration/);
    expect(tour.output).toMatch(/files changed by corral-migrate: \d+ of 9/);
    expect(tour.output).toMatch(/total: \d+\.\d s/);
  });
});

describe('npm start -- <path> on a project of ours', () => {
  let tour: TourRun;
  let project: string;
  const source = [
    "export async function fetchBoth(a: () => Promise<string>, b: () => Promise<string>): Promise<string[]> {",
    '  await new Promise((resolve) => setTimeout(resolve, 10));',
    '  return Promise.all([a(), b()]);',
    '}',
    '',
  ].join('\n');

  beforeAll(async () => {
    project = join(await mkdtemp(join(tmpdir(), 'corral-user-project-')), 'app');
    await mkdir(join(project, 'src'), { recursive: true });
    await writeFile(join(project, 'src/both.ts'), source);
    await writeFile(join(project, 'package.json'), '{ "name": "app", "private": true, "type": "module" }\n');
    await writeFile(
      join(project, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true }, include: ['src'] }),
    );
    tour = await runTour([project]);
  }, 600_000);
  afterAll(async () => {
    await removeCopy(tour?.facts);
    await rm(dirname(project), { recursive: true, force: true });
  });

  it('lints, dry-runs and migrates a copy, and says the crawler run does not apply', () => {
    expect(tour.facts.steps.map((step) => step.status)).toEqual(['ok', 'ok', 'ok', 'not-applicable', 'ok']);
    expect(tour.exitCode).toBe(0);
    expect(tour.facts.lint.before?.byRule['@corral/no-native-primitives']).toEqual(['src/both.ts:2', 'src/both.ts:3']);
    expect(tour.facts.changedFiles).toEqual(['src/both.ts']);
  });

  it('leaves the project itself untouched', async () => {
    expect(await readFile(join(project, 'src/both.ts'), 'utf8')).toBe(source);
  });
});
