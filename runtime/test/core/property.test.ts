import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CancelScope,
  currentTime,
  ExceptionGroup,
  getRunningTasks,
  isCancelled,
  run,
  sleep,
  withTaskGroup,
} from '../../src/index.js';
import { MockClock } from '../../src/testing.js';

/** A random program: sleeps, failures, task groups and cancel scopes, nested. */
type Spec =
  | { kind: 'sleep'; ms: number }
  | { kind: 'fail'; ms: number }
  | { kind: 'throw' }
  | { kind: 'group'; children: Spec[] }
  | { kind: 'scope'; deadline: number | null; shield: boolean; cancelAt: number | null; body: Spec[] };

const specArbitrary = fc.letrec<{ node: Spec }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ kind: fc.constant('sleep' as const), ms: fc.integer({ min: 0, max: 50 }) }),
    // Few distinct failure times, so that several tasks often fail at the same instant.
    fc.record({ kind: fc.constant('fail' as const), ms: fc.constantFrom(0, 10, 20) }),
    // Throws before any checkpoint: siblings started together can all fail before a cancel lands.
    fc.record({ kind: fc.constant('throw' as const) }),
    fc.record({ kind: fc.constant('group' as const), children: fc.array(tie('node'), { maxLength: 4 }) }),
    fc.record({
      kind: fc.constant('scope' as const),
      deadline: fc.option(fc.integer({ min: 0, max: 60 })),
      shield: fc.boolean(),
      cancelAt: fc.option(fc.integer({ min: 0, max: 60 })),
      body: fc.array(tie('node'), { maxLength: 3 }),
    }),
  ),
})).node;

class ProgramError extends Error {
  constructor(readonly id: number) {
    super(`failure ${id}`);
  }
}

interface Tally {
  entered: number;
  finallies: number;
  thrown: number[];
  nextId: number;
}

async function interpret(spec: Spec, tally: Tally): Promise<void> {
  tally.entered++;
  try {
    switch (spec.kind) {
      case 'sleep':
        await sleep(spec.ms);
        return;
      case 'fail': {
        await sleep(spec.ms);
        const id = tally.nextId++;
        tally.thrown.push(id);
        throw new ProgramError(id);
      }
      case 'throw': {
        const id = tally.nextId++;
        tally.thrown.push(id);
        throw new ProgramError(id);
      }
      case 'group':
        await withTaskGroup((tg) => {
          for (const child of spec.children) tg.startSoon(interpret, child, tally);
        });
        return;
      case 'scope': {
        const scope = new CancelScope({
          deadline: spec.deadline === null ? Infinity : currentTime() + spec.deadline,
          shield: spec.shield,
        });
        await scope.run(() =>
          withTaskGroup(async (tg) => {
            const cancelAt = spec.cancelAt;
            if (cancelAt !== null) {
              tg.startSoon(async function canceller() {
                await sleep(cancelAt);
                scope.cancel('random cancel');
              });
            }
            for (const step of spec.body) await interpret(step, tally);
            tg.cancelScope.cancel('body done'); // the canceller need not outlive the body
          }),
        );
        return;
      }
    }
  } finally {
    tally.finallies++;
  }
}

function surfacedIds(error: unknown): number[] {
  if (error === undefined) return [];
  const leaves = error instanceof ExceptionGroup ? error.leaves() : [error];
  return leaves.map((leaf) => {
    if (leaf instanceof ProgramError) return leaf.id;
    throw new Error(`unexpected error surfaced: ${String(leaf)}`, { cause: leaf });
  });
}

describe('random trees of groups, scopes, sleeps, failures and cancels', () => {
  it('finish every task, surface every error exactly once, run every finally, leave no timer', async () => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(specArbitrary, async (spec) => {
        runs++;
        const tally: Tally = { entered: 0, finallies: 0, thrown: [], nextId: 0 };
        const clock = new MockClock({ autojumpThreshold: 0 });
        let surfaced: unknown;
        await run(
          async () => {
            try {
              await interpret(spec, tally);
            } catch (error) {
              surfaced = error;
            }
          },
          { clock, handleSignals: false },
        );
        expect(isCancelled(surfaced)).toBe(false);
        expect(surfacedIds(surfaced).sort((a, b) => a - b)).toEqual(tally.thrown);
        expect(tally.finallies).toBe(tally.entered);
        expect(getRunningTasks()).toEqual([]);
        expect(clock.pendingTimers).toBe(0);
      }),
      { numRuns: 150, seed: 20261130 },
    );
    expect(runs).toBe(150);
  }, 120_000);
});
