import { describe, expect, it } from 'vitest';
import {
  CancelScope,
  checkpoint,
  checkpointIfCancelled,
  cancelShieldedCheckpoint,
  currentEffectiveDeadline,
  currentSignal,
  currentTime,
  isCancelled,
  sleep,
  sleepForever,
  waitAllTasksBlocked,
  withTaskGroup,
} from '../../src/index.js';
import { inVirtualTime } from '../helpers/virtual-time.js';

describe('cancel scopes', () => {
  it('run() resolves to undefined and sets cancelledCaught when it caught its own cancellation', () =>
    inVirtualTime(async () => {
      const scope = new CancelScope();
      const result = await scope.run(async () => {
        scope.cancel('because');
        await checkpoint();
        return 'unreachable';
      });
      expect(result).toBeUndefined();
      expect(scope.cancelCalled).toBe(true);
      expect(scope.cancelledCaught).toBe(true);
      expect(scope.cancelReason).toBe('because');
    }));

  it('cancelledCaught is true only for the scope that caused and absorbed the cancellation', () =>
    inVirtualTime(async () => {
      const outer = new CancelScope();
      const inner = new CancelScope();
      await outer.run(() =>
        inner.run(async () => {
          outer.cancel();
          await checkpoint();
        }),
      );
      expect(inner.cancelledCaught).toBe(false);
      expect(outer.cancelledCaught).toBe(true);
    }));

  it("the Cancelled message names the scope, the task that cancelled, and the reason", () =>
    inVirtualTime(async () => {
      let message = '';
      const scope = new CancelScope();
      await scope.run(async () => {
        scope.cancel('shutting down');
        try {
          await checkpoint();
        } catch (e) {
          message = (e as Error).message;
          throw e;
        }
      });
      expect(message).toMatch(new RegExp(`cancel scope ${scope.id} by task "main" \\(id \\d+\\); reason: shutting down`));
    }));

  it('a shield hides outer cancellation and outer deadlines', () =>
    inVirtualTime(async () => {
      const outer = new CancelScope({ deadline: currentTime() + 10 });
      let finished = false;
      await outer.run(async () => {
        await new CancelScope({ shield: true }).run(async () => {
          expect(currentEffectiveDeadline()).toBe(Infinity);
          await sleep(100);
          finished = true;
        });
        await checkpoint();
      });
      expect(finished).toBe(true);
      expect(outer.cancelledCaught).toBe(true);
    }));

  it('the shield can be toggled while running; the cancellation arrives once it is off', () =>
    inVirtualTime(async () => {
      const outer = new CancelScope();
      const steps: string[] = [];
      await outer.run(async () => {
        await new CancelScope({ shield: true }).run(async (shielded) => {
          outer.cancel();
          await checkpoint();
          steps.push('shielded checkpoint passed');
          shielded.shield = false;
          try {
            await checkpoint();
          } catch (e) {
            steps.push(isCancelled(e) ? 'cancelled after unshield' : 'other');
            throw e;
          }
        });
      });
      expect(steps).toEqual(['shielded checkpoint passed', 'cancelled after unshield']);
    }));

  it('a scope cancelled while shielded raises at the first checkpoint after the shield is gone', () =>
    inVirtualTime(async () => {
      const scope = new CancelScope({ shield: true });
      let raisedAt = '';
      await scope.run(async () => {
        scope.cancel();
        try {
          await checkpoint();
        } catch (e) {
          if (isCancelled(e)) raisedAt = 'own cancel raises even when shielded';
          throw e;
        }
      });
      expect(raisedAt).toBe('own cancel raises even when shielded');
    }));

  it('a parked waiter blocked by a shield is woken when the shield drops', () =>
    inVirtualTime(async () => {
      const outer = new CancelScope();
      let outcome = '';
      await outer.run(() =>
        withTaskGroup(async (tg) => {
          const shielded = new CancelScope({ shield: true });
          tg.startSoon(() =>
            shielded.run(async () => {
              try {
                await sleepForever();
              } catch (e) {
                outcome = isCancelled(e) ? 'cancelled' : 'other';
                throw e;
              }
            }),
          );
          await waitAllTasksBlocked();
          outer.cancel();
          await cancelShieldedCheckpoint();
          expect(outcome).toBe('');
          shielded.shield = false;
        }),
      );
      expect(outcome).toBe('cancelled');
    }));

  it('moving a deadline later extends the timeout; moving it earlier fires sooner', () =>
    inVirtualTime(async () => {
      const start = currentTime();
      const scope = new CancelScope({ deadline: start + 100 });
      await scope.run(async () => {
        scope.deadline = start + 300;
        await sleep(200);
        expect(currentTime() - start).toBe(200);
        scope.deadline = start + 250;
        await sleep(1000);
      });
      expect(currentTime() - start).toBe(250);
      expect(scope.cancelledCaught).toBe(true);
    }));

  it('a deadline already in the past cancels at the first checkpoint', () =>
    inVirtualTime(async () => {
      const scope = new CancelScope({ deadline: currentTime() - 1 });
      await scope.run(() => checkpoint());
      expect(scope.cancelledCaught).toBe(true);
    }));

  it('currentEffectiveDeadline is the earliest deadline out to the first shield, -Infinity once cancelled', () =>
    inVirtualTime(async () => {
      expect(currentEffectiveDeadline()).toBe(Infinity);
      const now = currentTime();
      await new CancelScope({ deadline: now + 50 }).run(() =>
        new CancelScope({ deadline: now + 80 }).run(async (inner) => {
          expect(currentEffectiveDeadline()).toBe(now + 50);
          inner.cancel();
          expect(currentEffectiveDeadline()).toBe(-Infinity);
          await checkpoint();
        }),
      );
    }));

  it('checkpointIfCancelled raises without yielding; cancelShieldedCheckpoint never raises', () =>
    inVirtualTime(async () => {
      await new CancelScope().run(async (scope) => {
        await checkpointIfCancelled();
        scope.cancel();
        await cancelShieldedCheckpoint();
        await expect(checkpointIfCancelled()).rejects.toSatisfy(isCancelled);
      });
    }));

  it('a scope can be run once', async () => {
    const scope = new CancelScope();
    await scope.run(() => undefined);
    await expect(scope.run(() => undefined)).rejects.toThrow(/can only be run once/);
  });

  it('rejects a NaN deadline with a TypeError', () => {
    expect(() => new CancelScope({ deadline: Number.NaN })).toThrow(TypeError);
  });
});

describe('currentSignal', () => {
  it('aborts with a Cancelled reason exactly when the effective scope is cancelled', () =>
    inVirtualTime(async () => {
      const outer = new CancelScope();
      await outer.run(() =>
        new CancelScope().run(async () => {
          const signal = currentSignal();
          expect(signal.aborted).toBe(false);
          outer.cancel('outer');
          expect(signal.aborted).toBe(true);
          expect(isCancelled(signal.reason)).toBe(true);
          await checkpoint();
        }),
      );
    }));

  it('aborts when a deadline expires', () =>
    inVirtualTime(async () => {
      let signal: AbortSignal | undefined;
      await new CancelScope({ deadline: currentTime() + 20 }).run(async () => {
        signal = currentSignal();
        await sleepForever();
      });
      expect(signal?.aborted).toBe(true);
    }));

  it('does not abort inside a shield when the outside is cancelled', () =>
    inVirtualTime(async () => {
      const outer = new CancelScope();
      await outer.run(async () => {
        await new CancelScope({ shield: true }).run(() => {
          const signal = currentSignal();
          outer.cancel();
          expect(signal.aborted).toBe(false);
        });
      });
    }));

  it('a signal created inside an already-cancelled scope is already aborted', () =>
    inVirtualTime(async () => {
      await new CancelScope().run(async (scope) => {
        scope.cancel();
        expect(currentSignal().aborted).toBe(true);
        await checkpoint();
      });
    }));
});
