/**
 * The FIFO queue of parked waiters that every primitive keeps. Cancellation removes a waiter
 * lazily: the cancelled entry stays in the array, already settled, and is skipped when it reaches
 * the head, so both enqueueing and cancelling are O(1) and nothing is shifted on a big array.
 */

/** Anything with a `settled` flag: a `Parked` operation, or an entry wrapping one. */
export interface Waiter {
  readonly settled: boolean;
}

// Compact only when the dead slots are many and outnumber the live ones, so the cost of
// compaction is amortised over at least as many cancellations.
const COMPACT_MIN_DEAD = 64;

/** @internal A FIFO of waiters with O(1) push, pop and cancellation. */
export class WaitQueue<W extends Waiter> {
  // Invariant: the queued waiters are `items[head..tail)`; every other slot is `undefined`, so
  // a waiter that left is not kept alive. When the queue empties, `head` and `tail` go back to
  // 0 and the array is reused as it is: a queue that fills and empties on every operation (a
  // stream whose consumer keeps up) allocates nothing.
  private items: (W | undefined)[] = [];
  private head = 0;
  private tail = 0;
  // Invariant: `live` is the number of unsettled waiters in `items[head..tail)`; settled
  // waiters there are dead slots, skipped by `shift()` and dropped by compaction.
  private live = 0;

  /** How many waiters are still waiting. */
  get size(): number {
    return this.live;
  }

  /**
   * Parks `waiter` (see `Parked.enter`) and queues it, unless it settled at once because its
   * scope is cancelled: the way into the line, so a waiter is queued exactly when it waits.
   */
  join<X extends W & { enter(): X }>(waiter: X): X {
    waiter.enter();
    if (!waiter.settled) this.push(waiter);
    return waiter;
  }

  /** Adds a waiter that has not settled at the tail. */
  push(waiter: W): void {
    this.items[this.tail++] = waiter;
    this.live++;
  }

  /**
   * Records that a queued waiter settled without being taken by `shift()`, `drain()` or
   * `extract()` (its scope was cancelled). Call it exactly once per such waiter. A bound
   * function, so it can be handed to `park()` as the cancel callback without a new closure.
   */
  readonly discard = (): void => {
    this.live--;
    const dead = this.tail - this.head - this.live;
    if (dead >= COMPACT_MIN_DEAD && dead > this.live) this.compact();
  };

  /** Removes and returns the oldest waiter that has not settled, or `undefined` if none. */
  shift(): W | undefined {
    if (this.live === 0) {
      if (this.tail !== 0) this.reset();
      return undefined;
    }
    const items = this.items;
    for (;;) {
      const waiter = items[this.head];
      items[this.head++] = undefined;
      if (waiter !== undefined && !waiter.settled) {
        this.live--;
        if (this.head === this.tail) this.reset();
        else if (this.head >= 1024 && this.head * 2 >= this.tail) this.compact();
        return waiter;
      }
    }
  }

  /** The oldest waiter that has not settled, left in place. */
  peek(): W | undefined {
    if (this.live === 0) return undefined;
    const items = this.items;
    while (this.head < this.tail) {
      const waiter = items[this.head];
      if (waiter !== undefined && !waiter.settled) return waiter;
      items[this.head++] = undefined;
    }
    return undefined;
  }

  /** Removes every waiter that has not settled and returns them, oldest first. */
  drain(): W[] {
    const waiting: W[] = [];
    for (let i = this.head; i < this.tail; i++) {
      const waiter = this.items[i];
      if (waiter !== undefined && !waiter.settled) waiting.push(waiter);
    }
    this.items = [];
    this.reset();
    return waiting;
  }

  /** Removes the waiters (not settled) that match `predicate` and returns them, oldest first. */
  extract(predicate: (waiter: W) => boolean): W[] {
    const taken: W[] = [];
    const kept: W[] = [];
    for (let i = this.head; i < this.tail; i++) {
      const waiter = this.items[i];
      if (waiter === undefined || waiter.settled) continue;
      (predicate(waiter) ? taken : kept).push(waiter);
    }
    this.items = kept;
    this.head = 0;
    this.tail = kept.length;
    this.live = kept.length;
    return taken;
  }

  // Empties the queue, keeping the array for reuse. Only dead slots can remain between `head`
  // and `tail` here (none at all after the last live waiter was shifted).
  private reset(): void {
    const items = this.items;
    for (let i = this.head; i < this.tail; i++) items[i] = undefined;
    this.head = 0;
    this.tail = 0;
    this.live = 0;
  }

  private compact(): void {
    const kept: W[] = [];
    for (let i = this.head; i < this.tail; i++) {
      const waiter = this.items[i];
      if (waiter !== undefined && !waiter.settled) kept.push(waiter);
    }
    this.items = kept;
    this.head = 0;
    this.tail = kept.length;
  }
}
