/** `openProcess`: starts a child process with its stdio as byte streams. */

import type { StdioOptions } from 'node:child_process';

import { platform } from '../backend/select-platform.js';
import { waitForEvent } from '../net/native-wait.js';
import { Process } from './process.js';

/**
 * What to connect a child's stdin, stdout or stderr to.
 *
 * @example
 * ```ts
 * await runProcess(['make'], { stdout: 'inherit', stderr: 'inherit' }); // show the build's output as it runs
 * ```
 */
export type StdioChoice = 'pipe' | 'inherit' | 'ignore';

/**
 * Options of {@link openProcess} and `runProcess`.
 *
 * @example
 * ```ts
 * await using child = await openProcess(['node', 'worker.js'], { cwd: '/srv/app', stderr: 'inherit' });
 * ```
 */
export interface ProcessOptions {
  /** The working directory of the child. */
  cwd?: string | URL;
  /** The environment of the child (by default this process's). */
  env?: Record<string, string | undefined>;
  /** Default `'pipe'`. */
  stdin?: StdioChoice;
  /** Default `'pipe'`. */
  stdout?: StdioChoice;
  /** Default `'pipe'`. */
  stderr?: StdioChoice;
}

/**
 * A command: an array runs the program directly, a string runs through the shell.
 *
 * @example
 * ```ts
 * await runProcess(['git', 'log', '--oneline', '-5']); // the program itself, no quoting
 * await runProcess('git log --oneline | head -5'); // through the shell
 * ```
 */
export type Command = string | readonly string[];

/** Checks a command and describes it for messages. */
export function describeCommand(command: Command): string {
  if (typeof command === 'string') {
    if (command === '') throw new TypeError('the command must not be an empty string');
    return `the process "${command}"`;
  }
  if (!Array.isArray(command) || command.length === 0 || !command.every((part) => typeof part === 'string')) {
    throw new TypeError('the command must be a string (run by the shell) or a non-empty array of strings');
  }
  return `the process "${command.join(' ')}"`;
}

/**
 * Starts `command` and returns the running {@link Process}. An array runs the program directly
 * (no shell: arguments need no quoting); a string runs through the shell (`/bin/sh -c`, or
 * `cmd.exe` on Windows). Raises the native error (e.g. `ENOENT`) if the program cannot start.
 * Close the process (or use `await using`) to kill it if it still runs and reap it.
 *
 * @example
 * ```ts
 * await using child = await openProcess(['cat']);
 * await child.stdin!.send(new TextEncoder().encode('hello'));
 * await child.stdin!.aclose();
 * console.log(new TextDecoder().decode(await child.stdout!.receive()));
 * ```
 */
export async function openProcess(command: Command, options: ProcessOptions = {}): Promise<Process> {
  const description = describeCommand(command);
  const stdio: StdioOptions = [options.stdin ?? 'pipe', options.stdout ?? 'pipe', options.stderr ?? 'pipe'];
  const spawnOptions = {
    stdio,
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
    ...(options.env === undefined ? {} : { env: options.env }),
    ...(typeof command === 'string' ? { shell: true } : {}),
  };
  const [file, ...args] = typeof command === 'string' ? [command] : command;
  const child = platform().spawn(file!, args, spawnOptions);
  try {
    await waitForEvent(child, 'spawn', () => child.kill('SIGKILL'));
  } catch (error) {
    // Started and then cancelled: reap it before raising. Failed to start: nothing to reap.
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    throw error;
  }
  return new Process(child, description);
}
