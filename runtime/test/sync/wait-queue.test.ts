import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WaitQueue } from '../../src/sync/wait-queue.js';
import { RingDeque } from '../../src/streams/ring-deque.js';

class FakeWaiter {
  settled = false;
  constructor(readonly id: number) {}
}

type QueueOp = { kind: 'push' } | { kind: 'cancel'; pick: number } | { kind: 'shift' } | { kind: 'extractOdd' };

const queueOp: fc.Arbitrary<QueueOp> = fc.oneof(
  { weight: 4, arbitrary: fc.constant({ kind: 'push' as const }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'shift' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'extractOdd' as const }) },
);

describe('WaitQueue', () => {
  it('behaves like a FIFO list from which cancelled waiters disappear', () => {
    fc.assert(
      fc.property(fc.array(queueOp, { maxLength: 3000 }), (ops) => {
        const queue = new WaitQueue<FakeWaiter>();
        let model: FakeWaiter[] = [];
        let nextId = 0;
        for (const op of ops) {
          if (op.kind === 'push') {
            const waiter = new FakeWaiter(nextId++);
            queue.push(waiter);
            model.push(waiter);
          } else if (op.kind === 'cancel') {
            if (model.length === 0) continue;
            const [waiter] = model.splice(op.pick % model.length, 1);
            waiter!.settled = true; // as park() does before calling onCancel
            queue.discard();
          } else if (op.kind === 'shift') {
            const taken = queue.shift();
            expect(taken).toBe(model.shift());
            if (taken !== undefined) taken.settled = true; // woken
          } else {
            const taken = queue.extract((w) => w.id % 2 === 1);
            expect(taken).toEqual(model.filter((w) => w.id % 2 === 1));
            for (const w of taken) w.settled = true;
            model = model.filter((w) => w.id % 2 === 0);
          }
          expect(queue.size).toBe(model.length);
          expect(queue.peek()).toBe(model[0]);
        }
        expect(queue.drain()).toEqual(model);
        expect(queue.size).toBe(0);
        expect(queue.shift()).toBeUndefined();
      }),
      { numRuns: 200 },
    );
  });

  it('stays small when waiters are cancelled in bulk', () => {
    const queue = new WaitQueue<FakeWaiter>();
    const live = new FakeWaiter(-1);
    queue.push(live);
    for (let i = 0; i < 100_000; i++) {
      const waiter = new FakeWaiter(i);
      queue.push(waiter);
      waiter.settled = true;
      queue.discard();
    }
    expect(queue.size).toBe(1);
    // Compaction keeps the backing array proportional to the live waiters.
    expect((queue as unknown as { items: unknown[] }).items.length).toBeLessThan(200);
    expect(queue.shift()).toBe(live);
  });
});

describe('RingDeque', () => {
  it('behaves like an array used as a queue, across growth and wrap-around', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer(), fc.constant(null)), { maxLength: 2000 }), fc.nat(40), (ops, initial) => {
        const deque = new RingDeque<number>(initial);
        const model: number[] = [];
        for (const op of ops) {
          if (op === null) {
            if (model.length === 0) continue;
            expect(deque.shift()).toBe(model.shift());
          } else {
            deque.push(op);
            model.push(op);
          }
          expect(deque.length).toBe(model.length);
        }
        deque.clear();
        expect(deque.length).toBe(0);
      }),
      { numRuns: 200 },
    );
  });
});
