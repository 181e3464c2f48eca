/**
 * Runs `corral-migrate` as a real subprocess (the TypeScript source through tsx, so the tests
 * need no build), with stdout and stderr captured through pipes (not a terminal).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { codemodsRoot } from './fixture-project.js';

const cli = path.join(codemodsRoot, 'src', 'cli.ts');
const tsxLoader = import.meta.resolve('tsx');

/** What a run of the command gave. */
export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the command with `args` in `cwd`. */
export function runCli(args: readonly string[], cwd: string): CliRun {
  const result = spawnSync(process.execPath, ['--import', tsxLoader, cli, ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs the command on a pseudo-terminal (through util-linux `script`); stdout and stderr merge. */
export function runInTerminal(args: readonly string[], cwd: string): { status: number | null; output: string } {
  const quote = (word: string): string => `'${word.replace(/'/g, "'\\''")}'`;
  const command = [process.execPath, '--import', tsxLoader, cli, ...args].map(quote).join(' ');
  const result = spawnSync('script', ['-qec', command, '/dev/null'], { cwd, encoding: 'utf8', timeout: 120_000, env: { ...process.env, COLUMNS: '100' } });
  return { status: result.status, output: result.stdout };
}
