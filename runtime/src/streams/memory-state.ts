/**
 * The state that every clone of a memory object stream's two ends shares: the buffer, the
 * parked senders and receivers, and how many ends of each kind are open. Both ends are thin
 * wrappers around the operations here.
 */

import { BrokenResourceError, ClosedResourceError, EndOfStream } from '../core/errors.js';
import type { TaskContext } from '../core/context.js';
import { Parked } from '../core/park.js';
import { WaitQueue } from '../sync/wait-queue.js';
import { RingDeque } from './ring-deque.js';

/**
 * What `statistics()` on either end of a memory object stream reports.
 *
 * @example
 * ```ts
 * const { currentBufferUsed, maxBufferSize, tasksWaitingSend } = send.statistics();
 * if (currentBufferUsed === maxBufferSize) console.log(`full; ${tasksWaitingSend} senders wait`);
 * ```
 */
export interface MemoryObjectStreamStatistics {
  /** How many items are in the buffer. */
  readonly currentBufferUsed: number;
  /** The buffer's capacity (`0` for a rendezvous, `Infinity` for unbounded). */
  readonly maxBufferSize: number;
  /** How many send ends (the original and its clones) are open. */
  readonly openSendStreams: number;
  /** How many receive ends are open. */
  readonly openReceiveStreams: number;
  /** How many tasks are parked in `send()`. */
  readonly tasksWaitingSend: number;
  /** How many tasks are parked in `receive()`. */
  readonly tasksWaitingReceive: number;
}

/** A task parked in `send()`: its operation, the item it offers and the end it sends through. */
export class SendWaiter<T> extends Parked<void> {
  constructor(
    context: TaskContext,
    onCancel: () => void,
    readonly item: T,
    readonly end: object,
  ) {
    super(context, onCancel);
  }
}

/**
 * A task parked in `receive()` or in the `next()` of a `for await` loop, with the end it
 * receives from. A `next()` waiter is woken with the iterator result itself (`{ done: false,
 * value }`, or `{ done: true }` at the end of the stream), so that the loop needs no second
 * promise to wrap the item.
 */
export class ReceiveWaiter<T> extends Parked<unknown> {
  constructor(
    context: TaskContext,
    onCancel: () => void,
    readonly end: object,
    /** Whether the waiter is an iterator's `next()`. */
    readonly iterating: boolean,
  ) {
    super(context, onCancel);
  }

  /**
   * Hands `item` over; false when the waiter had already settled (it was cancelled). With
   * `afterSender`, the receiver resumes only after the sender's next turn (see `trySend`).
   */
  deliver(item: T, afterSender: boolean): boolean {
    const result = this.iterating ? { done: false, value: item } : item;
    return afterSender ? this.wakeAfterWaker(result) : this.wake(result);
  }

  /** Every send end closed: ends an iteration, or fails a `receive()` with `EndOfStream`. */
  endOfStream(): void {
    if (this.iterating) this.wake(END_OF_ITERATION);
    else this.fail(endOfStream());
  }
}

/** The error of a `receive()` once every send end is closed and nothing is left to take. */
export function endOfStream(): EndOfStream {
  return new EndOfStream('every send stream of this memory object stream is closed');
}

/** What an iterator's `next()` gives once the stream has ended. */
export const END_OF_ITERATION: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });

/** @internal The shared state of one memory object stream. */
export class MemoryStreamState<T> {
  readonly buffer: RingDeque<T>;
  // Invariant: parked receivers exist only while the buffer is empty, and parked senders only
  // while the buffer is full: every operation that could satisfy a parked task does so at once.
  readonly senders = new WaitQueue<SendWaiter<T>>();
  readonly receivers = new WaitQueue<ReceiveWaiter<T>>();
  openSendStreams = 1;
  openReceiveStreams = 1;

  constructor(readonly maxBufferSize: number) {
    this.buffer = new RingDeque<T>(Math.min(maxBufferSize, 16));
  }

  /**
   * Delivers `item` without waiting: to the longest-parked receiver, else into the buffer.
   * Returns false when it would have to wait. The caller checked that receivers are open.
   */
  trySend(item: T): boolean {
    // A receiver cancelled while parked has settled and is skipped by shift(): the item goes to
    // the next receiver or the buffer, never to a task that will not return it.
    const receiver = this.receivers.shift();
    if (receiver !== undefined) {
      // In a buffered stream, a receiver woken with an item resumes after the sender's next
      // turn, so it finds the sender's next item already in the buffer instead of parking again
      // at once: otherwise a consumer that keeps up parks for every single item, and the buffer
      // never holds anything.
      receiver.deliver(item, this.maxBufferSize > 0);
      return true;
    }
    if (this.buffer.length < this.maxBufferSize) {
      this.buffer.push(item);
      return true;
    }
    return false;
  }

  /** Whether an item can be taken without waiting. */
  canReceive(): boolean {
    return this.buffer.length > 0 || this.senders.size > 0;
  }

  /** Takes the next item; `canReceive()` must be true. Moves a parked sender's item forward. */
  take(): T {
    if (this.buffer.length > 0) {
      const item = this.buffer.shift();
      const sender = this.senders.shift();
      if (sender !== undefined) {
        this.buffer.push(sender.item);
        // As for a woken receiver (see `trySend`): the sender resumes after this receiver's
        // next turn, so it finds room in the buffer instead of parking again for every item.
        sender.wakeAfterWaker(undefined);
      }
      return item;
    }
    const sender = this.senders.shift()!;
    sender.wake(undefined);
    return sender.item;
  }

  /** A send end closed: its parked senders fail; after the last one, receivers see the end. */
  closeSendEnd(end: object): void {
    this.openSendStreams--;
    for (const waiter of this.senders.extract((w) => w.end === end)) {
      waiter.fail(new ClosedResourceError('this send stream was closed while sending'));
    }
    if (this.openSendStreams === 0) {
      for (const waiter of this.receivers.drain()) waiter.endOfStream();
    }
  }

  /** A receive end closed: its parked receivers fail; after the last one, senders are broken. */
  closeReceiveEnd(end: object): void {
    this.openReceiveStreams--;
    for (const waiter of this.receivers.extract((w) => w.end === end)) {
      waiter.fail(new ClosedResourceError('this receive stream was closed while receiving'));
    }
    if (this.openReceiveStreams === 0) {
      // Nobody can ever read these items.
      this.buffer.clear();
      for (const waiter of this.senders.drain()) {
        waiter.fail(new BrokenResourceError('every receive stream of this memory object stream is closed'));
      }
    }
  }

  statistics(): MemoryObjectStreamStatistics {
    return {
      currentBufferUsed: this.buffer.length,
      maxBufferSize: this.maxBufferSize,
      openSendStreams: this.openSendStreams,
      openReceiveStreams: this.openReceiveStreams,
      tasksWaitingSend: this.senders.size,
      tasksWaitingReceive: this.receivers.size,
    };
  }
}
