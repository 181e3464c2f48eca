import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CancelScope, CapacityLimiter, checkpoint, Lock, Semaphore, withTaskGroup } from '../../src/index.js';

/** What the property needs of a lock-like primitive: its scoped form and whether it is idle. */
interface Gate {
  capacity: number;
  run(fn: () => Promise<void>): Promise<void>;
  idle(): boolean;
}

function gates(kind: 'lock' | 'semaphore' | 'limiter', capacity: number): Gate {
  if (kind === 'lock') {
    const lock = new Lock();
    return { capacity: 1, run: (fn) => lock.run(fn), idle: () => !lock.locked() && lock.statistics().tasksWaiting === 0 };
  }
  if (kind === 'semaphore') {
    const semaphore = new Semaphore(capacity, { maxValue: capacity });
    return {
      capacity,
      run: (fn) => semaphore.run(fn),
      idle: () => semaphore.value === capacity && semaphore.statistics().tasksWaiting === 0,
    };
  }
  const limiter = new CapacityLimiter(capacity);
  return {
    capacity,
    run: (fn) => limiter.run(fn),
    idle: () => limiter.borrowedTokens === 0 && limiter.statistics().tasksWaiting === 0,
  };
}

const planArbitrary = fc.record({
  kind: fc.constantFrom('lock' as const, 'semaphore' as const, 'limiter' as const),
  capacity: fc.integer({ min: 1, max: 3 }),
  tasks: fc.array(fc.record({ rounds: fc.integer({ min: 1, max: 4 }), hold: fc.nat(3) }), { minLength: 1, maxLength: 8 }),
  cancels: fc.array(fc.record({ delay: fc.nat(10), task: fc.nat() }), { maxLength: 6 }),
});

async function pause(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await checkpoint();
}

describe('lock-like primitives under random cancellation (property-based)', () => {
  it('never admit more holders than their capacity, and end idle with nothing leaked', async () => {
    await fc.assert(
      fc.asyncProperty(planArbitrary, async (plan) => {
        const gate = gates(plan.kind, plan.capacity);
        let inside = 0;
        let maxInside = 0;
        let completed = 0;
        const scopes = plan.tasks.map(() => new CancelScope());
        await withTaskGroup((tg) => {
          plan.tasks.forEach(({ rounds, hold }, t) => {
            tg.startSoon(() =>
              scopes[t]!.run(async () => {
                for (let r = 0; r < rounds; r++) {
                  await gate.run(async () => {
                    inside++;
                    maxInside = Math.max(maxInside, inside);
                    try {
                      await pause(hold);
                    } finally {
                      inside--;
                    }
                  });
                  completed++;
                }
              }),
            );
          });
          tg.startSoon(async () => {
            for (const { delay, task } of plan.cancels) {
              await pause(delay);
              scopes[task % scopes.length]!.cancel();
            }
          });
        });
        expect(maxInside).toBeLessThanOrEqual(gate.capacity);
        expect(inside).toBe(0);
        expect(gate.idle()).toBe(true);
        // Tasks that were never cancelled did all their rounds.
        const uncancelledRounds = plan.tasks.reduce((sum, { rounds }, t) => sum + (scopes[t]!.cancelCalled ? 0 : rounds), 0);
        expect(completed).toBeGreaterThanOrEqual(uncancelledRounds);
      }),
      { numRuns: 150 },
    );
  });
});
