import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BrokenResourceError,
  CancelScope,
  checkpoint,
  ClosedResourceError,
  createMemoryObjectStream,
  EndOfStream,
  type MemoryObjectReceiveStream,
  type MemoryObjectSendStream,
  type TaskGroup,
  withTaskGroup,
  WouldBlock,
} from '../../src/index.js';

type Item = readonly [producer: number, index: number];

type ChaosAction =
  | { kind: 'cancelProducer' | 'closeProducer' | 'cancelConsumer' | 'closeConsumer'; index: number }
  | { kind: 'addConsumer'; way: ReceiveWay }
  | { kind: 'closeOriginalReceiver' };

/** How a consumer takes items: `receive()`, `receiveNowait()` first, or `for await`. */
type ReceiveWay = 'receive' | 'nowaitFirst' | 'iterate';

interface Plan {
  bufferSize: number;
  producers: { count: number; nowaitFirst: boolean }[];
  consumers: ReceiveWay[];
  chaos: { delay: number; action: ChaosAction }[];
  seed: number;
}

const receiveWay: fc.Arbitrary<ReceiveWay> = fc.constantFrom('receive', 'nowaitFirst', 'iterate');

const planArbitrary: fc.Arbitrary<Plan> = fc.record({
  bufferSize: fc.oneof(fc.constantFrom(0, 1, 2, 5), fc.constant(Infinity)),
  producers: fc.array(fc.record({ count: fc.integer({ min: 0, max: 12 }), nowaitFirst: fc.boolean() }), {
    minLength: 1,
    maxLength: 4,
  }),
  consumers: fc.array(receiveWay, { maxLength: 3 }),
  chaos: fc.array(
    fc.record({
      delay: fc.nat(12),
      action: fc.oneof(
        fc.record({
          kind: fc.constantFrom('cancelProducer', 'closeProducer', 'cancelConsumer', 'closeConsumer'),
          index: fc.nat(5),
        }),
        fc.record({ kind: fc.constant('addConsumer' as const), way: receiveWay }),
        fc.constant({ kind: 'closeOriginalReceiver' as const }),
      ),
    }),
    { maxLength: 8 },
  ),
  seed: fc.integer(),
});

/** A small deterministic generator, so pauses vary between runs but replay with the seed. */
function pauses(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state % 4;
  };
}

async function pause(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await checkpoint();
}

interface Participant<E> {
  scope: CancelScope;
  end: E;
}

/**
 * Runs the plan; returns what each producer sent successfully, what each consumer received, and
 * whether every receive end was closed while items could still be buffered (then those items are
 * dropped, since nobody can receive them, and producers see `BrokenResourceError`).
 */
async function runPlan(plan: Plan): Promise<{ sent: number[][]; received: Item[][]; abandoned: boolean }> {
  const [send, receive] = createMemoryObjectStream<Item>(plan.bufferSize);
  const nextPause = pauses(plan.seed);
  const sent: number[][] = plan.producers.map(() => []);
  const received: Item[][] = [];
  const producers: Participant<MemoryObjectSendStream<Item>>[] = [];
  const consumers: Participant<MemoryObjectReceiveStream<Item>>[] = [];
  // The scope of the original receive end's loop: cancelled only by the chaos, which then closes
  // that end while consumers may still be reading (or all be gone already).
  const original = new CancelScope();

  function startConsumer(tg: TaskGroup, way: ReceiveWay): void {
    const record: Item[] = [];
    received.push(record);
    let end: MemoryObjectReceiveStream<Item>;
    try {
      end = receive.clone();
    } catch (error) {
      // Every receive end is closed already: nothing to consume from.
      if (error instanceof ClosedResourceError) return;
      throw error;
    }
    const consumer = { scope: new CancelScope(), end };
    consumers.push(consumer);
    tg.startSoon(async () => {
      try {
        await consumer.scope.run(async () => {
          if (way === 'iterate') {
            for await (const item of consumer.end) {
              record.push(item);
              await pause(nextPause());
            }
            return;
          }
          for (;;) {
            if (way === 'nowaitFirst') {
              try {
                record.push(consumer.end.receiveNowait());
              } catch (error) {
                if (!(error instanceof WouldBlock)) throw error;
                record.push(await consumer.end.receive());
              }
            } else {
              record.push(await consumer.end.receive());
            }
            await pause(nextPause());
          }
        });
      } catch (error) {
        if (!(error instanceof EndOfStream || error instanceof ClosedResourceError)) throw error;
      } finally {
        consumer.end.close();
      }
    });
  }

  await withTaskGroup(async (tg) => {
    plan.producers.forEach(({ count, nowaitFirst }, p) => {
      const producer = { scope: new CancelScope(), end: send.clone() };
      producers.push(producer);
      tg.startSoon(async () => {
        try {
          await producer.scope.run(async () => {
            for (let i = 0; i < count; i++) {
              const item: Item = [p, i];
              if (nowaitFirst) {
                try {
                  producer.end.sendNowait(item);
                } catch (error) {
                  if (!(error instanceof WouldBlock)) throw error;
                  await producer.end.send(item);
                }
              } else {
                await producer.end.send(item);
              }
              sent[p]!.push(i);
              await pause(nextPause());
            }
          });
        } catch (error) {
          // Every receive end closed: possible only once the original one was closed early.
          const abandonedByReceivers = error instanceof BrokenResourceError && original.cancelCalled;
          if (!(error instanceof ClosedResourceError || abandonedByReceivers)) throw error;
        } finally {
          producer.end.close();
        }
      });
    });
    send.close(); // only the producers' clones keep the stream open
    for (const way of plan.consumers) startConsumer(tg, way);

    tg.startSoon(async function chaos() {
      for (const { delay, action } of plan.chaos) {
        await pause(delay);
        if (action.kind === 'addConsumer') {
          startConsumer(tg, action.way);
          continue;
        }
        if (action.kind === 'closeOriginalReceiver') {
          original.cancel();
          continue;
        }
        const group = action.kind.endsWith('Producer') ? producers : consumers;
        const target = group[action.index % Math.max(group.length, 1)];
        if (target === undefined) continue;
        if (action.kind.startsWith('cancel')) target.scope.cancel();
        else target.end.close();
      }
    });

    // The original receive end drains whatever the consumers leave, so every producer can
    // finish and the stream ends; unless the chaos closes it too.
    const rest: Item[] = [];
    received.push(rest);
    try {
      await original.run(async () => {
        for await (const item of receive) rest.push(item);
      });
    } finally {
      receive.close();
    }
  });
  // Closed early, the original end may have been the last: what was still buffered then had no
  // reader left and was dropped with it.
  return { sent, received, abandoned: original.cancelCalled };
}

describe('memory object streams (property-based)', () => {
  it('every item sent successfully is received exactly once, in order per producer', async () => {
    await fc.assert(
      fc.asyncProperty(planArbitrary, async (plan) => {
        const { sent, received, abandoned } = await runPlan(plan);
        const receivedByProducer: number[][] = plan.producers.map(() => []);
        for (const record of received) {
          const lastSeen = new Map<number, number>();
          for (const [p, i] of record) {
            receivedByProducer[p]!.push(i);
            // Within one receiver, a producer's items arrive in the order they were sent.
            expect(i).toBeGreaterThan(lastSeen.get(p) ?? -1);
            lastSeen.set(p, i);
          }
        }
        for (let p = 0; p < plan.producers.length; p++) {
          const got = [...receivedByProducer[p]!].sort((a, b) => a - b);
          if (abandoned) {
            // Received at most once each, and only what was sent; items still buffered when the
            // last receive end closed were dropped with it.
            expect(new Set(got).size).toBe(got.length);
            for (const i of got) expect(sent[p]).toContain(i);
          } else {
            expect(got).toEqual(sent[p]);
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});
