// The floor for a memory stream: the same bounded ring buffer, but send() and receive() are async
// and awaited on every call, as every send and receive of a memory stream is a checkpoint.

class AsyncRingBuffer {
  #items;
  #head = 0;
  #size = 0;
  #closed = false;
  #wakeProducer = null;
  #wakeConsumer = null;

  constructor(capacity) {
    this.#items = new Array(capacity);
  }

  async send(item) {
    while (this.#size === this.#items.length) await new Promise((resolve) => (this.#wakeProducer = resolve));
    this.#items[(this.#head + this.#size++) % this.#items.length] = item;
    this.#wakeConsumer?.();
    this.#wakeConsumer = null;
  }

  /** The next item, or `done` once closed and drained. */
  async receive(done) {
    while (this.#size === 0) {
      if (this.#closed) return done;
      await new Promise((resolve) => (this.#wakeConsumer = resolve));
    }
    const item = this.#items[this.#head];
    this.#items[this.#head] = undefined;
    this.#head = (this.#head + 1) % this.#items.length;
    this.#size--;
    this.#wakeProducer?.();
    this.#wakeProducer = null;
    return item;
  }

  close() {
    this.#closed = true;
    this.#wakeConsumer?.();
    this.#wakeConsumer = null;
  }
}

const done = Symbol('done');

export async function setup({ items, buffer }) {
  return {
    async iteration() {
      const ring = new AsyncRingBuffer(buffer);
      const produce = async () => {
        for (let i = 0; i < items; i++) await ring.send(i);
        ring.close();
      };
      const consume = async () => {
        let sum = 0;
        for (let item = await ring.receive(done); item !== done; item = await ring.receive(done)) sum += item;
        return sum;
      };
      const [, sum] = await Promise.all([produce(), consume()]);
      if (sum !== (items * (items - 1)) / 2) throw new Error(`lost items: sum ${sum}`);
    },
  };
}
