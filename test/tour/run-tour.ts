/** Runs `npm start`'s script as a user would, without a terminal, and collects what it said. */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface TourRun {
  exitCode: number;
  output: string;
  facts: TourFacts;
}

export interface LintFacts {
  total: number;
  byRule: Record<string, string[]>;
  fatal: number;
  notes: string[];
}

export interface MomentFacts {
  atMs: number;
  inFlight: string[];
  pendingTimers: { site: string; delayMs: number }[];
  tasks: { id: number; parentId: number | null; name: string }[] | null;
}

export interface RunFacts {
  outcome: 'succeeded' | 'failed';
  thrown: string | null;
  reported: string[];
  raised: string[];
  lost: string[];
  unhandledRejections: string[];
  requestsAfterSettle: number;
  firstError: MomentFacts | null;
  settled: MomentFacts;
}

export interface TourFacts {
  project: string;
  files: number;
  steps: { title: string; status: string; reason?: string }[];
  lint: { before: LintFacts | null; after: LintFacts | null };
  changedFiles: string[] | null;
  /** The migrated copy, which the tour leaves in place for the reader. */
  copy: string | null;
  runs: { legacy: RunFacts; migrated: RunFacts } | null;
}

export async function runTour(args: readonly string[]): Promise<TourRun> {
  const factsFile = join(await mkdtemp(join(tmpdir(), 'corral-tour-test-')), 'facts.json');
  const env: NodeJS.ProcessEnv = { ...process.env };
  // Whatever the test runner's own terminal is, the tour must see no terminal and no colour hint.
  delete env['FORCE_COLOR'];
  delete env['NO_COLOR'];
  const { exitCode, output } = await new Promise<{ exitCode: number; output: string }>((done) => {
    execFile(
      process.execPath,
      [join(repoRoot, 'scripts/start.mjs'), '--json', factsFile, ...args],
      { cwd: repoRoot, env, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        done({ exitCode: code, output: stdout + stderr });
      },
    );
  });
  const facts = JSON.parse(await readFile(factsFile, 'utf8')) as TourFacts;
  await rm(dirname(factsFile), { recursive: true, force: true });
  return { exitCode, output, facts };
}

/** Removes the temporary folder that holds the tour's migrated copy. */
export async function removeCopy(facts: TourFacts | undefined): Promise<void> {
  if (facts?.copy) await rm(dirname(facts.copy), { recursive: true, force: true });
}
