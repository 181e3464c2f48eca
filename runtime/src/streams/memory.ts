/**
 * Memory object streams: a typed, bounded channel between tasks, with AnyIO's semantics.
 */

import type { AttributeTable, TypedAttribute } from '../abc/attributes.js';
import { lookupAttribute } from '../abc/attributes.js';
import type { ObjectReceiveStream, ObjectSendStream } from '../abc/streams.js';
import { cancelShieldedCheckpoint, rejectIfCancelled } from '../core/checkpoint.js';
import { currentContext } from '../core/context.js';
import { BrokenResourceError, ClosedResourceError, WouldBlock } from '../core/errors.js';
import { resolveAfterSchedulingPoint, schedulingPoint } from '../core/scheduling.js';
import {
  END_OF_ITERATION,
  endOfStream,
  MemoryStreamState,
  type MemoryObjectStreamStatistics,
  ReceiveWaiter,
  SendWaiter,
} from './memory-state.js';

export type { MemoryObjectStreamStatistics } from './memory-state.js';

const NO_ATTRIBUTES: AttributeTable = new Map();

/**
 * Creates a memory object stream: a channel that carries items of type `T` from tasks that
 * send to tasks that receive, in order, each item to exactly one receiver. With
 * `maxBufferSize = 0` (the default) it is a rendezvous: `send()` waits until a receiver takes
 * the item. Otherwise up to `maxBufferSize` items wait in a buffer (`Infinity` for no limit).
 * Returns the send end and the receive end; `clone()` either for more producers or consumers.
 *
 * @example
 * ```ts
 * const [send, receive] = createMemoryObjectStream<number>(10);
 * await withTaskGroup(async (tg) => {
 *   tg.startSoon(async () => {
 *     await using producer = send;
 *     for (let i = 0; i < 100; i++) await producer.send(i);
 *   });
 *   for await (const n of receive) console.log(n); // ends when every send end is closed
 * });
 * ```
 */
export function createMemoryObjectStream<T>(
  maxBufferSize = 0,
): [MemoryObjectSendStream<T>, MemoryObjectReceiveStream<T>] {
  if (typeof maxBufferSize !== 'number' || !(Number.isInteger(maxBufferSize) || maxBufferSize === Infinity)) {
    throw new RangeError(`maxBufferSize must be a non-negative integer or Infinity, got ${String(maxBufferSize)}`);
  }
  if (maxBufferSize < 0) throw new RangeError(`maxBufferSize cannot be negative, got ${maxBufferSize}`);
  const state = new MemoryStreamState<T>(maxBufferSize);
  return [new MemoryObjectSendStream(state), new MemoryObjectReceiveStream(state)];
}

/**
 * What the two ends of a memory object stream share: the stream's state, closing, statistics and
 * the (empty) typed attributes.
 */
abstract class MemoryStreamEnd<T> implements Disposable, AsyncDisposable {
  protected closed = false;

  /** @internal Use {@link createMemoryObjectStream} or `clone()`. */
  constructor(protected readonly state: MemoryStreamState<T>) {}

  /** Closes this end. Idempotent. */
  abstract close(): void;

  /** Closes this end (see `close()`); never raises `Cancelled`. */
  aclose(): Promise<void> {
    this.close();
    return cancelShieldedCheckpoint();
  }

  /** The buffer, the open ends and the waiting tasks of the stream. */
  statistics(): MemoryObjectStreamStatistics {
    return this.state.statistics();
  }

  /** @internal Memory streams carry no typed attributes. */
  get extraAttributes(): AttributeTable {
    return NO_ATTRIBUTES;
  }

  /** Memory streams provide no typed attributes: returns `defaultValue`, or throws without one. */
  extra<A>(attribute: TypedAttribute<A>): A;
  extra<A, D>(attribute: TypedAttribute<A>, defaultValue: D): A | D;
  extra(attribute: TypedAttribute<unknown>, ...args: unknown[]): unknown {
    return lookupAttribute(NO_ATTRIBUTES, attribute, args);
  }

  [Symbol.dispose](): void {
    this.close();
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.aclose();
  }
}

/**
 * The sending end of a memory object stream (see {@link createMemoryObjectStream}).
 *
 * @example
 * ```ts
 * const [send, receive] = createMemoryObjectStream<string>(1);
 * await send.send('hello');
 * send.close(); // the receiver sees the end after the buffered items
 * console.log(await receive.receive()); // 'hello'
 * ```
 */
export class MemoryObjectSendStream<T> extends MemoryStreamEnd<T> implements ObjectSendStream<T> {
  /**
   * Sends `item`: hands it to a waiting receiver, or puts it in the buffer, or waits until one of
   * those is possible. A checkpoint. A cancelled send delivers nothing. Throws
   * `ClosedResourceError` after this end was closed, `BrokenResourceError` once every receive
   * end is closed.
   */
  send(item: T): Promise<void> {
    const state = this.state;
    if (this.closed || state.openReceiveStreams === 0) return Promise.reject(this.unusable());
    const context = currentContext();
    const cancelled = rejectIfCancelled(context.scope);
    if (cancelled !== undefined) return cancelled;
    // Delivered at once: the scheduling point is a shared resolved promise, nothing is allocated.
    if (state.trySend(item)) return schedulingPoint();
    return state.senders.join(new SendWaiter(context, state.senders.discard, item, this)).promise;
  }

  /**
   * Sends `item` without waiting, or throws `WouldBlock` when no receiver waits and the buffer is
   * full. A receiver whose scope was cancelled while it waited is skipped.
   */
  sendNowait(item: T): void {
    if (this.closed || this.state.openReceiveStreams === 0) throw this.unusable();
    if (!this.state.trySend(item)) {
      throw new WouldBlock('MemoryObjectSendStream.sendNowait(): the buffer is full and no receiver is waiting');
    }
  }

  /** A new send end on the same stream; the stream ends only when every send end is closed. */
  clone(): MemoryObjectSendStream<T> {
    if (this.closed) throw new ClosedResourceError('cannot clone a closed send stream');
    this.state.openSendStreams++;
    return new MemoryObjectSendStream(this.state);
  }

  /**
   * Closes this end. Tasks parked in `send()` on this end fail with `ClosedResourceError`. When
   * it was the last open send end, receivers get the buffered items and then `EndOfStream`.
   * Idempotent.
   */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.state.closeSendEnd(this);
  }

  private unusable(): Error {
    return this.closed
      ? new ClosedResourceError('this send stream is closed')
      : new BrokenResourceError('every receive stream of this memory object stream is closed');
  }
}

/**
 * The receiving end of a memory object stream (see {@link createMemoryObjectStream}). `for
 * await` over it yields items until every send end is closed and the buffer is empty; breaking
 * out of the loop does not close it.
 *
 * @example
 * ```ts
 * const [send, receive] = createMemoryObjectStream<string>(Infinity);
 * send.sendNowait('a');
 * send.sendNowait('b');
 * send.close();
 * for await (const item of receive) console.log(item); // 'a', 'b'
 * ```
 */
export class MemoryObjectReceiveStream<T> extends MemoryStreamEnd<T> implements ObjectReceiveStream<T> {
  /**
   * Receives the next item, waiting until one is sent. A checkpoint. A cancelled receive
   * consumes nothing; an item handed to this task before its scope was cancelled is still
   * returned. Throws `EndOfStream` once every send end is closed and the buffer is empty,
   * `ClosedResourceError` after this end was closed.
   */
  receive(): Promise<T> {
    const state = this.state;
    if (this.closed) return Promise.reject(new ClosedResourceError('this receive stream is closed'));
    const context = currentContext();
    const cancelled = rejectIfCancelled(context.scope);
    if (cancelled !== undefined) return cancelled;
    // Taken at once: one already-resolved promise of the item is the scheduling point.
    if (state.canReceive()) return resolveAfterSchedulingPoint(state.take());
    if (state.openSendStreams === 0) return Promise.reject(endOfStream());
    return state.receivers.join(new ReceiveWaiter<T>(context, state.receivers.discard, this, false)).promise as Promise<T>;
  }

  /**
   * Receives an item without waiting, or throws `WouldBlock` when none is ready, `EndOfStream`
   * once every send end is closed and the buffer is empty.
   */
  receiveNowait(): T {
    if (this.closed) throw new ClosedResourceError('this receive stream is closed');
    if (this.state.canReceive()) return this.state.take();
    if (this.state.openSendStreams === 0) throw endOfStream();
    throw new WouldBlock('MemoryObjectReceiveStream.receiveNowait(): no item is ready');
  }

  /** A new receive end on the same stream; each item goes to one receiver, whichever end. */
  clone(): MemoryObjectReceiveStream<T> {
    if (this.closed) throw new ClosedResourceError('cannot clone a closed receive stream');
    this.state.openReceiveStreams++;
    return new MemoryObjectReceiveStream(this.state);
  }

  /**
   * Closes this end. Tasks parked in `receive()` on this end fail with `ClosedResourceError`.
   * When it was the last open receive end, the buffer is dropped and senders fail with
   * `BrokenResourceError`. Idempotent.
   */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.state.closeReceiveEnd(this);
  }

  /** Yields received items until `EndOfStream`. */
  [Symbol.asyncIterator](): AsyncIterator<T> {
    return { next: () => this.nextResult() };
  }

  // The iterator's `next()`: `receive()` with the iterator result built in, so that an item
  // costs one promise whether it was ready (an already-resolved promise of the result) or
  // awaited (a parked receiver woken with the result itself, or with the end of the stream).
  private nextResult(): Promise<IteratorResult<T>> {
    const state = this.state;
    if (this.closed) return Promise.reject(new ClosedResourceError('this receive stream is closed'));
    const context = currentContext();
    const cancelled = rejectIfCancelled(context.scope);
    if (cancelled !== undefined) return cancelled;
    if (state.canReceive()) return resolveAfterSchedulingPoint<IteratorResult<T>>({ done: false, value: state.take() });
    if (state.openSendStreams === 0) return Promise.resolve(END_OF_ITERATION);
    return state.receivers.join(new ReceiveWaiter<T>(context, state.receivers.discard, this, true)).promise as Promise<IteratorResult<T>>;
  }
}
