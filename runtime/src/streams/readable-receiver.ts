/**
 * The receiving half over a Node `Readable` (a socket, a child's stdout). It keeps its own buffer
 * so that a cancelled `receive()` consumes nothing: bytes stay buffered for the next call. The
 * native stream is paused while the buffer is full, so a slow receiver applies backpressure to
 * the sender through the transport.
 */

import type { Readable } from 'node:stream';

import { raiseIfCancelled } from '../core/checkpoint.js';
import { BusyResourceError, ClosedResourceError, EndOfStream } from '../core/errors.js';
import { park, type Parked } from '../core/park.js';
import { schedulingPoint } from '../core/scheduling.js';
import { brokenBy } from './native-errors.js';

/** Above this many buffered bytes the native stream is paused; below it, resumed. */
const HIGH_WATER_MARK = 65536;

/** The default `maxBytes` of `receive()`. */
export const DEFAULT_RECEIVE_SIZE = 65536;

/** Checks the `maxBytes` argument of a `receive()` call. */
export function checkMaxBytes(maxBytes: number): void {
  if (!Number.isInteger(maxBytes) || maxBytes < 1) {
    throw new RangeError(`receive(maxBytes): maxBytes must be a positive integer, got ${String(maxBytes)}`);
  }
}

/** @internal */
export class ReadableReceiver {
  // Invariant: `chunks` holds, in arrival order, every byte that arrived and has not been
  // returned by `receive()`; none of them is empty, and `bufferedBytes` is their total length.
  private readonly chunks: Uint8Array[] = [];
  private bufferedBytes = 0;
  private paused = false;
  private ended = false;
  private failure: unknown = undefined;
  private closed = false;
  private busy = false;
  // Invariant: at most one task waits (the one that holds `busy`), and it waits only while
  // `chunks` is empty and the stream neither ended, failed nor closed; `waiterMaxBytes` is its
  // `maxBytes`.
  private waiter: Parked<Uint8Array> | undefined;
  private waiterMaxBytes = DEFAULT_RECEIVE_SIZE;

  constructor(
    private readonly readable: Readable,
    /** Names the stream in error messages. */
    private readonly what: () => string,
  ) {
    readable.on('data', (chunk: Uint8Array) => this.onData(chunk));
    readable.on('end', () => {
      this.ended = true;
      this.wakeWaiter();
    });
    readable.on('error', (error: unknown) => this.onError(error));
    readable.on('close', () => {
      // A stream that closes without 'end' or 'error' was destroyed: treat as the end.
      this.ended = true;
      this.wakeWaiter();
    });
  }

  /** Records a native error; buffered bytes are still delivered before it is raised. */
  onError(error: unknown): void {
    this.failure ??= error;
    this.wakeWaiter();
  }

  // Not an async function: a receive that waits costs one parked operation and nothing more
  // (no promise of its own, no second trip through the microtask queue), because the bytes are
  // handed to the waiter when they arrive, through its `wake`.
  receive(maxBytes: number): Promise<Uint8Array> {
    try {
      checkMaxBytes(maxBytes);
      if (this.busy) throw new BusyResourceError(`another task is already receiving from ${this.what()}`);
      if (this.bufferedBytes > 0 && !this.closed) {
        // The fast path, as AnyIO's: raise if cancelled, take, then a scheduling point that
        // cannot raise, so the bytes taken are never lost to a cancellation.
        raiseIfCancelled();
        return this.deliverAfterSchedulingPoint(this.take(maxBytes));
      }
      const error = this.endError();
      if (error !== undefined) throw error;
    } catch (error) {
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the error raised above, passed on unchanged
      return Promise.reject(error);
    }
    const op = park<Uint8Array>(this.forgetWaiter);
    if (op.settled) return op.promise; // cancelled before waiting: nothing consumed
    this.waiter = op;
    this.waiterMaxBytes = maxBytes;
    this.busy = true;
    return op.promise;
  }

  private async deliverAfterSchedulingPoint(chunk: Uint8Array): Promise<Uint8Array> {
    this.busy = true;
    try {
      await schedulingPoint();
    } finally {
      this.busy = false;
    }
    return chunk;
  }

  /**
   * The error a receive is owed once the buffer is empty, in this order: closed, then the native
   * failure, then the end; `undefined` while it must wait for bytes.
   */
  private endError(): Error | undefined {
    if (this.closed) return new ClosedResourceError(`${this.what()} was closed`);
    if (this.failure !== undefined) return brokenBy(this.failure, this.what());
    if (this.ended) return new EndOfStream(`${this.what()} has ended`);
    return undefined;
  }

  // The waiter's scope was cancelled: it consumed nothing, and the receiver is free again.
  private readonly forgetWaiter = (): void => {
    this.waiter = undefined;
    this.busy = false;
  };

  /** Marks this half closed: a waiting or later receive raises `ClosedResourceError`. */
  close(): void {
    this.closed = true;
    this.chunks.length = 0;
    this.bufferedBytes = 0;
    this.wakeWaiter();
  }

  /** Takes every buffered byte (for handing the native stream over to another owner). */
  drain(): Uint8Array[] {
    const chunks = this.chunks.splice(0);
    this.bufferedBytes = 0;
    return chunks;
  }

  private take(maxBytes: number): Uint8Array {
    const first = this.chunks[0]!;
    let result: Uint8Array;
    if (first.length > maxBytes) {
      result = first.subarray(0, maxBytes);
      this.chunks[0] = first.subarray(maxBytes);
    } else {
      this.chunks.shift();
      result = first;
    }
    this.bufferedBytes -= result.length;
    if (this.paused && this.bufferedBytes < HIGH_WATER_MARK) {
      this.paused = false;
      this.readable.resume();
    }
    return result;
  }

  private onData(chunk: Uint8Array): void {
    if (this.closed || chunk.length === 0) return;
    const waiter = this.waiter;
    if (waiter !== undefined && chunk.length <= this.waiterMaxBytes) {
      // A waiter means an empty buffer: the chunk goes straight to it.
      this.waiter = undefined;
      this.busy = false;
      waiter.wake(chunk);
      return;
    }
    this.chunks.push(chunk);
    this.bufferedBytes += chunk.length;
    if (!this.paused && this.bufferedBytes >= HIGH_WATER_MARK) {
      this.paused = true;
      this.readable.pause();
    }
    this.wakeWaiter();
  }

  // Settles the waiting receive, if any, with what it is owed now (bytes first); a waiter
  // that is owed nothing yet keeps waiting.
  private wakeWaiter(): void {
    const waiter = this.waiter;
    if (waiter === undefined) return;
    if (this.bufferedBytes > 0 && !this.closed) {
      this.waiter = undefined;
      this.busy = false;
      waiter.wake(this.take(this.waiterMaxBytes));
      return;
    }
    const error = this.endError();
    if (error === undefined) return;
    this.waiter = undefined;
    this.busy = false;
    waiter.fail(error);
  }
}
