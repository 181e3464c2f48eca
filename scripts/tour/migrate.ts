/**
 * Steps 2 and 3: run `corral-migrate` as a user would, in a child process: a dry run on the
 * project itself (nothing written), then a real run with `--verify` on the temporary copy.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathExists, repoRoot } from './project.js';
import { Unavailable } from './steps.js';

export const migrateCli = join(repoRoot, 'codemods/dist/cli.js');

export interface MigrateRun {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** The parsed `--json` report, when one was asked for and written. */
  report: unknown;
  command: string;
}

const ansi = new RegExp(String.raw`\u001b\[[0-9;]*m`, 'g');

export function stripAnsi(text: string): string {
  return text.replace(ansi, '');
}

/** Runs `corral-migrate <args> .` in `dir`; the exit code is returned, not thrown. */
export async function runMigrate(dir: string, args: readonly string[], jsonFile?: string): Promise<MigrateRun> {
  if (!(await pathExists(migrateCli))) {
    const reason = (await pathExists(join(repoRoot, 'codemods/src/cli.ts')))
      ? 'codemods/dist/cli.js is missing: the codemods package did not build'
      : 'corral-migrate does not exist yet (no codemods/src/cli.ts)';
    throw new Unavailable(reason);
  }
  const fullArgs = [...args, ...(jsonFile === undefined ? [] : ['--json', jsonFile])];
  if (await pathExists(join(dir, 'tsconfig.json'))) fullArgs.push('--tsconfig', join(dir, 'tsconfig.json'));
  fullArgs.push('.');
  const { exitCode, stdout, stderr } = await new Promise<{ exitCode: number; stdout: string; stderr: string }>(
    (resolve) => {
      execFile(
        process.execPath,
        [migrateCli, ...fullArgs],
        { cwd: dir, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined } },
        (error, out, err) => {
          const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
          resolve({ exitCode: code, stdout: stripAnsi(out), stderr: stripAnsi(err) });
        },
      );
    },
  );
  let report: unknown = undefined;
  if (jsonFile !== undefined && (await pathExists(jsonFile))) {
    report = JSON.parse(await readFile(jsonFile, 'utf8')) as unknown;
  }
  return { exitCode, stdout, stderr, report, command: `corral-migrate ${fullArgs.join(' ')}` };
}
