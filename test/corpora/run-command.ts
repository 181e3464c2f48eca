import { spawn } from 'node:child_process';

/** A command that ended with a non-zero exit code; `output` holds the tail of what it printed. */
export class CommandFailedError extends Error {
  readonly code = 'CORRAL_COMMAND_FAILED';
  constructor(
    readonly command: string,
    readonly exitCode: number | null,
    readonly output: string,
  ) {
    super(`\`${command}\` exited with ${String(exitCode)}:\n${output}`);
    this.name = 'CommandFailedError';
  }
}

/**
 * Runs a program (no shell) in `cwd` and resolves with its combined output, or rejects with a
 * `CommandFailedError` carrying the last 4 000 characters of that output.
 *
 * @example
 * const out = await runCommand('npm', ['pack', 'mongodb@7.9.0'], '/tmp');
 */
export function runCommand(program: string, args: readonly string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', reject);
    child.on('close', (exitCode) => {
      if (exitCode === 0) resolve(output);
      else reject(new CommandFailedError([program, ...args].join(' '), exitCode, output.slice(-4000)));
    });
  });
}
