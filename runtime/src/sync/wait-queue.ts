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
  private items: (W | undefined)[] = [];
  private head = 0;
  // Invariant: `live` is the number of unsettled waiters in `items[head..]`; settled waiters
  // there are dead slots, skipped by `shift()` and dropped by compaction.
  private live = 0;

  /** How many waiters are still waiting. */
  get size(): number {
    return this.live;
  }

  /** Adds a waiter that has not settled at the tail. */
  push(waiter: W): void {
    this.items.push(waiter);
    this.live++;
  }

  /**
   * Records that a queued waiter settled without being taken by `shift()`, `drain()` or
   * `extract()` (its scope was cancelled). Call it exactly once per such waiter. A bound
   * function, so it can be handed to `park()` as the cancel callback without a new closure.
   */
  readonly discard = (): void => {
    this.live--;
    const dead = this.items.length - this.head - this.live;
    if (dead >= COMPACT_MIN_DEAD && dead > this.live) this.compact();
  };

  /** Removes and returns the oldest waiter that has not settled, or `undefined` if none. */
  shift(): W | undefined {
    if (this.live === 0) {
      if (this.items.length !== 0) this.reset();
      return undefined;
    }
    const items = this.items;
    for (;;) {
      const waiter = items[this.head];
      items[this.head++] = undefined;
      if (waiter !== undefined && !waiter.settled) {
        this.live--;
        if (this.head === items.length) this.reset();
        else if (this.head >= 1024 && this.head * 2 >= items.length) this.compact();
        return waiter;
      }
    }
  }

  /** The oldest waiter that has not settled, left in place. */
  peek(): W | undefined {
    if (this.live === 0) return undefined;
    const items = this.items;
    while (this.head < items.length) {
      const waiter = items[this.head];
      if (waiter !== undefined && !waiter.settled) return waiter;
      items[this.head++] = undefined;
    }
    return undefined;
  }

  /** Removes every waiter that has not settled and returns them, oldest first. */
  drain(): W[] {
    const waiting: W[] = [];
    for (let i = this.head; i < this.items.length; i++) {
      const waiter = this.items[i];
      if (waiter !== undefined && !waiter.settled) waiting.push(waiter);
    }
    this.reset();
    return waiting;
  }

  /** Removes the waiters (not settled) that match `predicate` and returns them, oldest first. */
  extract(predicate: (waiter: W) => boolean): W[] {
    const taken: W[] = [];
    const kept: W[] = [];
    for (let i = this.head; i < this.items.length; i++) {
      const waiter = this.items[i];
      if (waiter === undefined || waiter.settled) continue;
      (predicate(waiter) ? taken : kept).push(waiter);
    }
    this.items = kept;
    this.head = 0;
    this.live = kept.length;
    return taken;
  }

  private reset(): void {
    this.items = [];
    this.head = 0;
    this.live = 0;
  }

  private compact(): void {
    const kept: W[] = [];
    for (let i = this.head; i < this.items.length; i++) {
      const waiter = this.items[i];
      if (waiter !== undefined && !waiter.settled) kept.push(waiter);
    }
    this.items = kept;
    this.head = 0;
  }
}
