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
  // Invariant: at most one task waits (the one that holds `busy`).
  private waiter: Parked<void> | undefined;

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

  async receive(maxBytes: number): Promise<Uint8Array> {
    checkMaxBytes(maxBytes);
    if (this.busy) throw new BusyResourceError(`another task is already receiving from ${this.what()}`);
    if (this.bufferedBytes > 0 && !this.closed) {
      // The fast path, as AnyIO's: raise if cancelled, take, then a scheduling point that
      // cannot raise, so the bytes taken are never lost to a cancellation.
      raiseIfCancelled();
      const chunk = this.take(maxBytes);
      this.busy = true;
      try {
        await schedulingPoint();
      } finally {
        this.busy = false;
      }
      return chunk;
    }
    this.busy = true;
    try {
      for (;;) {
        if (this.closed) throw new ClosedResourceError(`${this.what()} was closed`);
        if (this.bufferedBytes > 0) return this.take(maxBytes);
        if (this.failure !== undefined) throw brokenBy(this.failure, this.what());
        if (this.ended) throw new EndOfStream(`${this.what()} has ended`);
        const op = park<void>(this.forgetWaiter);
        if (!op.settled) this.waiter = op;
        await op.promise;
      }
    } finally {
      this.busy = false;
    }
  }

  private readonly forgetWaiter = (): void => {
    this.waiter = undefined;
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
    this.chunks.push(chunk);
    this.bufferedBytes += chunk.length;
    if (!this.paused && this.bufferedBytes >= HIGH_WATER_MARK) {
      this.paused = true;
      this.readable.pause();
    }
    this.wakeWaiter();
  }

  private wakeWaiter(): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.wake(undefined);
  }
}
