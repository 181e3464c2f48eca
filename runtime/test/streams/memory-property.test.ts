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
  | { kind: 'addConsumer' };

interface Plan {
  bufferSize: number;
  producers: { count: number; nowaitFirst: boolean }[];
  consumers: number;
  chaos: { delay: number; action: ChaosAction }[];
  seed: number;
}

const planArbitrary: fc.Arbitrary<Plan> = fc.record({
  bufferSize: fc.oneof(fc.constantFrom(0, 1, 2, 5), fc.constant(Infinity)),
  producers: fc.array(fc.record({ count: fc.integer({ min: 0, max: 12 }), nowaitFirst: fc.boolean() }), {
    minLength: 1,
    maxLength: 4,
  }),
  consumers: fc.integer({ min: 0, max: 3 }),
  chaos: fc.array(
    fc.record({
      delay: fc.nat(12),
      action: fc.oneof(
        fc.record({
          kind: fc.constantFrom('cancelProducer', 'closeProducer', 'cancelConsumer', 'closeConsumer'),
          index: fc.nat(5),
        }),
        fc.constant({ kind: 'addConsumer' as const }),
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

/** Runs the plan; returns what each producer sent successfully and what each consumer received. */
async function runPlan(plan: Plan): Promise<{ sent: number[][]; received: Item[][] }> {
  const [send, receive] = createMemoryObjectStream<Item>(plan.bufferSize);
  const nextPause = pauses(plan.seed);
  const sent: number[][] = plan.producers.map(() => []);
  const received: Item[][] = [];
  const producers: Participant<MemoryObjectSendStream<Item>>[] = [];
  const consumers: Participant<MemoryObjectReceiveStream<Item>>[] = [];

  function startConsumer(tg: TaskGroup): void {
    const record: Item[] = [];
    received.push(record);
    const consumer = { scope: new CancelScope(), end: receive.clone() };
    consumers.push(consumer);
    tg.startSoon(async () => {
      try {
        await consumer.scope.run(async () => {
          for (;;) {
            record.push(await consumer.end.receive());
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
          if (!(error instanceof ClosedResourceError || error instanceof BrokenResourceError)) throw error;
        } finally {
          producer.end.close();
        }
      });
    });
    send.close(); // only the producers' clones keep the stream open
    for (let c = 0; c < plan.consumers; c++) startConsumer(tg);

    tg.startSoon(async function chaos() {
      for (const { delay, action } of plan.chaos) {
        await pause(delay);
        if (action.kind === 'addConsumer') {
          startConsumer(tg);
          continue;
        }
        const group = action.kind.endsWith('Producer') ? producers : consumers;
        const target = group[action.index % Math.max(group.length, 1)];
        if (target === undefined) continue;
        if (action.kind.startsWith('cancel')) target.scope.cancel();
        else target.end.close();
      }
    });

    // The original receive end is never disturbed: it drains whatever the consumers leave, so
    // every producer can finish and the stream ends.
    const rest: Item[] = [];
    received.push(rest);
    for await (const item of receive) rest.push(item);
  });
  return { sent, received };
}

describe('memory object streams (property-based)', () => {
  it('every item sent successfully is received exactly once, in order per producer', async () => {
    await fc.assert(
      fc.asyncProperty(planArbitrary, async (plan) => {
        const { sent, received } = await runPlan(plan);
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
          expect(got).toEqual(sent[p]);
        }
      }),
      { numRuns: 150 },
    );
  });
});
