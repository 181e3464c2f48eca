/**
 * `Process`: a running child process with its pipes as byte streams. Closing it (or leaving the
 * scope that holds it) kills the child if it still runs, and waits until it has been reaped.
 */

import type { ChildProcess } from 'node:child_process';

import type { AsyncResource } from '../abc/resource.js';
import { checkpoint } from '../core/checkpoint.js';
import { park, type Parked } from '../core/park.js';
import { registerResource, type ResourceRegistration } from '../resources/registry.js';
import { PipeReceiveStream, PipeSendStream } from '../streams/pipe-streams.js';

/**
 * How a child process ended.
 *
 * @example
 * ```ts
 * await child.wait();
 * const { exitCode, signal }: ProcessExit = child; // a Process answers both once it has exited
 * if (signal !== null) console.log(`killed by ${signal}`);
 * ```
 */
export interface ProcessExit {
  /** The exit code, or `null` when a signal ended the process. */
  readonly exitCode: number | null;
  /** The signal that ended the process, or `null`. */
  readonly signal: NodeJS.Signals | null;
}

/**
 * A child process started by `openProcess`.
 *
 * @example
 * ```ts
 * await using child = await openProcess(['sort']);
 * await child.stdin!.send(new TextEncoder().encode('b\na\n'));
 * await child.stdin!.aclose();
 * for await (const chunk of child.stdout!) console.log(new TextDecoder().decode(chunk));
 * console.log('exit code', await child.wait());
 * ```
 */
export class Process implements AsyncResource {
  /** The child's stdin, or `null` when it was not piped. */
  readonly stdin: PipeSendStream | null;
  /** The child's stdout, or `null` when it was not piped. */
  readonly stdout: PipeReceiveStream | null;
  /** The child's stderr, or `null` when it was not piped. */
  readonly stderr: PipeReceiveStream | null;
  private exit: ProcessExit | undefined;
  private readonly exited: Promise<ProcessExit>;
  private readonly waiters = new Set<Parked<void>>();
  private readonly registration: ResourceRegistration;
  private closing: Promise<void> | undefined;

  /** @internal Made by `openProcess` once the child has started. */
  constructor(
    private readonly child: ChildProcess,
    /** The command line, for messages. */
    readonly description: string,
  ) {
    this.stdin = child.stdin ? new PipeSendStream(child.stdin, `the stdin of ${description}`) : null;
    this.stdout = child.stdout ? new PipeReceiveStream(child.stdout, `the stdout of ${description}`) : null;
    this.stderr = child.stderr ? new PipeReceiveStream(child.stderr, `the stderr of ${description}`) : null;
    this.registration = registerResource('child-process', description);
    this.exited = new Promise((resolve) => {
      const onExit = (code: number | null, signal: NodeJS.Signals | null): void => {
        this.exit = { exitCode: code, signal };
        for (const waiter of this.waiters) waiter.wake(undefined);
        this.waiters.clear();
        resolve(this.exit);
      };
      if (child.exitCode !== null || child.signalCode !== null) onExit(child.exitCode, child.signalCode);
      else child.once('exit', onExit);
    });
  }

  /** The process id. */
  get pid(): number {
    return this.child.pid!;
  }

  /** The exit code once the process has exited (`null` before, and when a signal ended it). */
  get exitCode(): number | null {
    return this.exit?.exitCode ?? null;
  }

  /** The signal that ended the process, once it has; otherwise `null`. */
  get signal(): NodeJS.Signals | null {
    return this.exit?.signal ?? null;
  }

  /**
   * Waits until the process exits and returns its exit code (`null` when a signal ended it; see
   * {@link Process.signal}). Cancelling the wait does not touch the process.
   */
  async wait(): Promise<number | null> {
    if (this.exit !== undefined) {
      await checkpoint();
      return this.exit.exitCode;
    }
    const op = park<void>(() => this.waiters.delete(op));
    if (!op.settled) this.waiters.add(op);
    await op.promise;
    return this.exit!.exitCode;
  }

  /** Sends `signal` (default `SIGTERM`) to the process, if it is still running. */
  sendSignal(signal: NodeJS.Signals = 'SIGTERM'): void {
    if (this.exit === undefined) this.child.kill(signal);
  }

  /** Asks the process to end (`SIGTERM`). */
  terminate(): void {
    this.sendSignal('SIGTERM');
  }

  /** Ends the process at once (`SIGKILL`). */
  kill(): void {
    this.sendSignal('SIGKILL');
  }

  /**
   * Closes the pipes, kills the process with `SIGKILL` if it is still running, and waits until it
   * has exited and been reaped. Completes even in a cancelled scope. To let a process finish on
   * its own, `await wait()` first.
   */
  aclose(): Promise<void> {
    this.closing ??= (async () => {
      this.kill();
      await Promise.all([this.stdin?.aclose(), this.stdout?.aclose(), this.stderr?.aclose()]);
      await this.exited;
      this.registration.unregister();
    })();
    return this.closing;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.aclose();
  }
}
