/** `runProcess`: runs a command to the end and returns its exit code and output. */

import { ProcessError } from '../core/errors.js';
import { withTaskGroup } from '../core/task-group.js';
import type { ByteReceiveStream } from '../abc/streams.js';
import { EndOfStream } from '../core/errors.js';
import { type Command, openProcess, type ProcessOptions } from './open-process.js';

/**
 * Options of {@link runProcess}.
 *
 * @example
 * ```ts
 * const result = await runProcess(['sort'], { input: 'b\na\n', check: true });
 * ```
 */
export interface RunProcessOptions extends Omit<ProcessOptions, 'stdin'> {
  /** Bytes (or text, sent as UTF-8) to write to the child's stdin, which is then closed. */
  input?: Uint8Array | string;
  /** Throw `ProcessError` when the exit code is not 0 (or a signal ended the child). Default: true. */
  check?: boolean;
}

/**
 * What {@link runProcess} returns.
 *
 * @example
 * ```ts
 * const { exitCode, stdout }: ProcessResult = await runProcess(['git', 'status', '--short'], { check: false });
 * if (exitCode === 0) console.log(new TextDecoder().decode(stdout));
 * ```
 */
export interface ProcessResult {
  /** The exit code (`null` when a signal ended the process). */
  readonly exitCode: number | null;
  /** The signal that ended the process, or `null`. */
  readonly signal: NodeJS.Signals | null;
  /** Everything the child wrote to stdout (empty when not piped). */
  readonly stdout: Uint8Array;
  /** Everything the child wrote to stderr (empty when not piped). */
  readonly stderr: Uint8Array;
}

async function readAll(stream: ByteReceiveStream | null): Promise<Uint8Array> {
  if (stream === null) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  for (;;) {
    try {
      chunks.push(await stream.receive());
    } catch (error) {
      if (error instanceof EndOfStream) break;
      throw error;
    }
  }
  return Buffer.concat(chunks);
}

/**
 * Runs `command` to the end and returns its exit code, stdout and stderr. An array runs the
 * program directly; a string runs through the shell. With `check` (the default), an exit code
 * other than 0 throws `ProcessError` carrying `exitCode` and `stderr`. Cancellation kills the
 * child and waits until it has been reaped before `Cancelled` propagates.
 *
 * @example
 * ```ts
 * const { stdout } = await runProcess(['git', 'rev-parse', 'HEAD']);
 * console.log(new TextDecoder().decode(stdout).trim());
 *
 * const listing = await runProcess('ls | wc -l'); // through the shell
 * ```
 */
export async function runProcess(command: Command, options: RunProcessOptions = {}): Promise<ProcessResult> {
  const { input, check = true, ...processOptions } = options;
  const child = await openProcess(command, { ...processOptions, stdin: input === undefined ? 'ignore' : 'pipe' });
  try {
    const [stdout, stderr] = await withTaskGroup(async (tg) => {
      if (input !== undefined) {
        tg.startSoon(async () => {
          const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
          await child.stdin!.send(bytes);
          await child.stdin!.aclose();
        });
      }
      const out = tg.startSoon(readAll, child.stdout);
      const err = tg.startSoon(readAll, child.stderr);
      await child.wait();
      return [await out.result(), await err.result()] as const;
    });
    const result: ProcessResult = { exitCode: child.exitCode, signal: child.signal, stdout, stderr };
    if (check && result.exitCode !== 0) {
      const how = result.exitCode === null ? `was killed by ${result.signal}` : `exited with code ${result.exitCode}`;
      const excerpt = new TextDecoder().decode(stderr.subarray(0, 2000)).trim();
      throw new ProcessError(
        `${child.description} ${how}${excerpt === '' ? '' : `: ${excerpt}`}`,
        result.exitCode,
        stderr,
      );
    }
    return result;
  } finally {
    await child.aclose();
  }
}
