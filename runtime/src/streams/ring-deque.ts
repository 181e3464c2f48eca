/**
 * A growable ring buffer: O(1) push and shift without moving elements, unlike `Array.shift`,
 * which is O(n) once an array leaves V8's fast path.
 */

/** @internal A FIFO of items in a power-of-two ring that doubles when full. */
export class RingDeque<T> {
  private slots: (T | undefined)[];
  private mask: number;
  private head = 0;
  // Invariant: the items are `slots[(head + i) & mask]` for `0 <= i < count`; every other slot
  // is `undefined`, so a shifted item is not kept alive by the buffer.
  private count = 0;

  constructor(initialCapacity = 16) {
    let capacity = 4;
    while (capacity < initialCapacity) capacity *= 2;
    this.slots = new Array<T | undefined>(capacity).fill(undefined);
    this.mask = capacity - 1;
  }

  /** How many items are stored. */
  get length(): number {
    return this.count;
  }

  /** Appends `item` at the tail. */
  push(item: T): void {
    if (this.count === this.slots.length) this.grow();
    this.slots[(this.head + this.count) & this.mask] = item;
    this.count++;
  }

  /** Removes and returns the item at the head. The deque must not be empty. */
  shift(): T {
    const item = this.slots[this.head] as T;
    this.slots[this.head] = undefined;
    this.head = (this.head + 1) & this.mask;
    this.count--;
    return item;
  }

  /** Drops every item. */
  clear(): void {
    this.slots.fill(undefined);
    this.head = 0;
    this.count = 0;
  }

  private grow(): void {
    const old = this.slots;
    const capacity = old.length * 2;
    const slots = new Array<T | undefined>(capacity).fill(undefined);
    for (let i = 0; i < this.count; i++) slots[i] = old[(this.head + i) & this.mask];
    this.slots = slots;
    this.mask = capacity - 1;
    this.head = 0;
  }
}
