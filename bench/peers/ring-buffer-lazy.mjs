// A bounded ring buffer whose producer and consumer await only when it is full or empty: the
// fastest a hand-written queue between two async functions gets, and what people write when they
// do not use a library.

class RingBuffer {
  #items;
  #head = 0;
  #size = 0;
  #closed = false;
  #wakeProducer = null;
  #wakeConsumer = null;

  constructor(capacity) {
    this.#items = new Array(capacity);
  }

  get closed() {
    return this.#closed;
  }

  /** Adds an item; false when full. */
  tryPush(item) {
    if (this.#size === this.#items.length) return false;
    this.#items[(this.#head + this.#size++) % this.#items.length] = item;
    this.#wakeConsumer?.();
    this.#wakeConsumer = null;
    return true;
  }

  /** Takes an item; `empty` when there is none. */
  tryShift(empty) {
    if (this.#size === 0) return empty;
    const item = this.#items[this.#head];
    this.#items[this.#head] = undefined;
    this.#head = (this.#head + 1) % this.#items.length;
    this.#size--;
    this.#wakeProducer?.();
    this.#wakeProducer = null;
    return item;
  }

  spaceAvailable() {
    return new Promise((resolve) => (this.#wakeProducer = resolve));
  }

  itemAvailable() {
    return new Promise((resolve) => (this.#wakeConsumer = resolve));
  }

  close() {
    this.#closed = true;
    this.#wakeConsumer?.();
    this.#wakeConsumer = null;
  }
}

const empty = Symbol('empty');

export async function setup({ items, buffer }) {
  return {
    async iteration() {
      const ring = new RingBuffer(buffer);
      const produce = async () => {
        for (let i = 0; i < items; i++) {
          while (!ring.tryPush(i)) await ring.spaceAvailable();
        }
        ring.close();
      };
      const consume = async () => {
        let sum = 0;
        for (;;) {
          const item = ring.tryShift(empty);
          if (item !== empty) sum += item;
          else if (ring.closed) return sum;
          else await ring.itemAvailable();
        }
      };
      const [, sum] = await Promise.all([produce(), consume()]);
      if (sum !== (items * (items - 1)) / 2) throw new Error(`lost items: sum ${sum}`);
    },
  };
}
