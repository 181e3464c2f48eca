/**
 * The sending half over a Node `Writable` (a socket, a child's stdin). `send()` resolves when the
 * native stream has handed the bytes to the operating system (its write callback), which is what
 * makes a slow peer slow the sender down.
 */

import type { Writable } from 'node:stream';

import { checkpoint, rejectIfCancelled } from '../core/checkpoint.js';
import { currentContext } from '../core/context.js';
import { BusyResourceError, ClosedResourceError } from '../core/errors.js';
import { park, type Parked } from '../core/park.js';
import { schedulingPoint } from '../core/scheduling.js';
import { platform } from '../backend/select-platform.js';
import { brokenBy } from './native-errors.js';

/** Accepts `Uint8Array` (a `Buffer` is one); anything else is a clear `TypeError`. */
export function checkBytes(bytes: unknown, method: string): asserts bytes is Uint8Array {
  if (!(bytes instanceof Uint8Array)) {
    const got = bytes === null ? 'null' : typeof bytes === 'object' ? bytes.constructor.name : typeof bytes;
    throw new TypeError(`${method}: expected a Uint8Array (or Buffer), got ${got}`);
  }
}

/** Written after bytes that must be waited for: its callback runs once they have gone out. */
const EMPTY = new Uint8Array(0);

/** @internal */
export class WritableSender {
  private closed = false;
  // Invariant: true exactly when `end()` has been called on the native stream (set in the same
  // turn), so a sendEof cancelled before that leaves it false and can be retried.
  private eofSent = false;
  private failure: unknown = undefined;
  private busy = false;
  // Write callbacks come in write order; this many belong to sends that no longer wait for them.
  private callbacksToSkip = 0;
  // Whether a send writes its bytes without a callback, and only a send that must wait writes
  // an empty chunk with one (see `Platform.emptyWriteMarksFlush`).
  private readonly flushByEmptyWrite = platform().emptyWriteMarksFlush;
  // Invariant: the operation of the send (or sendEof) in progress, until its callback runs.
  private pending: Parked<void> | undefined;
  // Invariant: true while `pending` is a send that waits for 'drain' rather than a callback.
  private waitsForDrain = false;

  constructor(
    private readonly writable: Writable,
    private readonly what: () => string,
  ) {
    writable.on('error', (error: unknown) => this.onError(error));
    if (this.flushByEmptyWrite) writable.on('drain', this.onDrain);
    writable.on('close', () => {
      const pending = this.pending;
      this.pending = undefined;
      this.waitsForDrain = false;
      pending?.fail(brokenBy(new Error('the stream closed before the bytes were written'), this.what()));
    });
  }

  onError(error: unknown): void {
    this.failure ??= error;
    const pending = this.pending;
    this.pending = undefined;
    this.waitsForDrain = false;
    pending?.fail(brokenBy(error, this.what()));
  }

  // Not an async function: when the operating system takes the bytes within `write()` (the
  // common case on a socket that is not backed up), a send allocates nothing of its own.
  send(bytes: Uint8Array): Promise<void> {
    try {
      checkBytes(bytes, 'send(bytes)');
      this.enter('send');
    } catch (error) {
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the error raised above, passed on unchanged
      return Promise.reject(error);
    }
    if (bytes.length === 0) return this.sendNothing();
    const cancelled = rejectIfCancelled(currentContext().scope);
    if (cancelled !== undefined) {
      this.busy = false;
      return cancelled;
    }
    // Where an empty write can mark the flush, the bytes go without a callback: on Node a write
    // given one costs a `process.nextTick` (an async resource too, while async hooks are on)
    // even when it completed within write(), which is most writes.
    const accepted = this.flushByEmptyWrite ? this.writable.write(bytes) : this.writable.write(bytes, this.onWritten);
    if (accepted && this.writable.writableLength === 0 && this.failure === undefined) {
      // The operating system took every byte within write(): done (a callback asked for runs
      // later, in order, and is skipped). As in AnyIO's fast paths, the scheduling point that
      // follows cannot raise, since the bytes are gone already.
      // Both signs are needed: Bun keeps `writableLength` at 0 on a child's stdin even while
      // bytes wait, but its write() does return false then.
      if (!this.flushByEmptyWrite) this.callbacksToSkip++;
      this.busy = false;
      return schedulingPoint();
    }
    return this.waitWritten(accepted);
  }

  private async sendNothing(): Promise<void> {
    try {
      await checkpoint();
      this.assertUsable('send');
    } finally {
      this.busy = false;
    }
  }

  // The bytes wait in the native stream: waits until they have gone to the operating system, as
  // their own write's callback says, or else (bytes written without one) the 'drain' that a
  // refused write() promises once the buffer is empty, or the callback of an empty write queued
  // behind them (write callbacks run in write order).
  private async waitWritten(accepted: boolean): Promise<void> {
    try {
      const op = park<void>(this.forgetPending);
      if (op.settled) {
        // Cancelled: the bytes are with the stream anyway, and a callback asked for is skipped.
        if (!this.flushByEmptyWrite) this.callbacksToSkip++;
        return await op.promise;
      }
      this.pending = op;
      if (this.flushByEmptyWrite) {
        if (accepted) this.writable.write(EMPTY, this.onWritten);
        else this.waitsForDrain = true;
      }
      await op.promise;
    } finally {
      this.busy = false;
    }
  }

  // A cancelled wait: its callback still comes, in order, and must not wake a later send, so it
  // is skipped (a wait for 'drain' just stops).
  private readonly forgetPending = (): void => {
    this.pending = undefined;
    if (this.waitsForDrain) this.waitsForDrain = false;
    else this.callbacksToSkip++;
  };

  private readonly onDrain = (): void => {
    if (!this.waitsForDrain) return;
    this.waitsForDrain = false;
    const pending = this.pending;
    this.pending = undefined;
    pending?.wake(undefined);
  };

  // The write callback of the send in progress (one at a time: `busy` guards it).
  private readonly onWritten = (error?: Error | null): void => {
    if (this.callbacksToSkip > 0) {
      this.callbacksToSkip--;
      return;
    }
    const pending = this.pending;
    this.pending = undefined;
    if (error !== undefined && error !== null) {
      this.failure ??= error;
      pending?.fail(brokenBy(error, this.what()));
    } else {
      pending?.wake(undefined);
    }
  };

  // As in AnyIO, a cancelled sendEof has either done nothing (the scope was cancelled before
  // `end()`: the stream is unchanged and sendEof can be called again) or has ended the native
  // stream (the end of stream follows the bytes already written, and the state says so); only
  // the wait for it to go out is cancelled then.
  async sendEof(): Promise<void> {
    if (this.eofSent && !this.closed) return;
    this.enter('sendEof');
    try {
      await this.write((done) => {
        this.eofSent = true;
        this.writable.end(done);
      });
    } finally {
      this.busy = false;
    }
  }

  close(): void {
    this.closed = true;
    const pending = this.pending;
    this.pending = undefined;
    this.waitsForDrain = false;
    pending?.fail(new ClosedResourceError(`${this.what()} was closed`));
  }

  private enter(method: string): void {
    if (this.busy) throw new BusyResourceError(`another task is already sending on ${this.what()}`);
    this.assertUsable(method);
    this.busy = true;
  }

  private assertUsable(method: string): void {
    if (this.closed) throw new ClosedResourceError(`${method}: ${this.what()} was closed`);
    if (this.failure !== undefined) throw brokenBy(this.failure, this.what());
    if (this.eofSent && method === 'send') {
      throw new ClosedResourceError(`send: ${this.what()} was half-closed with sendEof()`);
    }
  }

  // Parks until the native callback; a cancellation stops the wait but not the write (the bytes
  // are already with the native stream), which is the "may have delivered a prefix" of the docs.
  private write(start: (done: (error?: Error | null) => void) => void): Promise<void> {
    const op = park<void>(() => {
      if (this.pending === op) this.pending = undefined;
    });
    if (op.settled) return op.promise;
    this.pending = op;
    start((error) => {
      if (this.pending === op) this.pending = undefined;
      if (error !== undefined && error !== null) {
        this.failure ??= error;
        op.fail(brokenBy(error, this.what()));
      } else {
        op.wake(undefined);
      }
    });
    return op.promise;
  }
}
