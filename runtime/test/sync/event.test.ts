import { describe, expect, it } from 'vitest';
import { CancelScope, Event, run, waitAllTasksBlocked, withTaskGroup } from '../../src/index.js';

describe('Event', () => {
  it('wakes a waiting task when set', async () => {
    const event = new Event();
    await withTaskGroup(async (tg) => {
      tg.startSoon(() => {
        expect(event.isSet()).toBe(false);
        event.set();
      });
      await event.wait();
    });
    expect(event.isSet()).toBe(true);
  });

  it('wakes every waiter, and later waits return at once', async () => {
    const event = new Event();
    const woken: number[] = [];
    await withTaskGroup(async (tg) => {
      for (let i = 0; i < 3; i++) {
        tg.startSoon(async () => {
          await event.wait();
          woken.push(i);
        });
      }
      await waitAllTasksBlocked();
      event.set();
      event.set(); // idempotent
    });
    expect(woken).toEqual([0, 1, 2]);
    await event.wait();
  });

  it('a waiter cancelled before the event is set does not see it', async () => {
    let started = false;
    let sawEvent = false;
    const event = new Event();
    await withTaskGroup((tg) => {
      tg.startSoon(async () => {
        started = true;
        await event.wait();
        sawEvent = true;
      });
      tg.cancel();
      event.set();
    });
    expect(started).toBe(true);
    expect(sawEvent).toBe(false);
  });

  it('a waiter woken by set() returns normally even if cancelled right after', async () => {
    let setterStarted = false;
    let waiterWoke = false;
    const event = new Event();
    await withTaskGroup(async (tg) => {
      tg.startSoon(() => {
        setterStarted = true;
        expect(event.isSet()).toBe(false);
        event.set();
        tg.cancel();
      });
      await event.wait();
      waiterWoke = true;
    });
    expect(setterStarted).toBe(true);
    expect(waiterWoke).toBe(true);
  });

  it('waiting on an event that is already set is still a checkpoint', async () => {
    const event = new Event();
    event.set();
    const scope = new CancelScope();
    await scope.run(async () => {
      scope.cancel();
      await event.wait();
    });
    expect(scope.cancelledCaught).toBe(true);
  });

  it('counts waiting tasks in statistics()', async () => {
    const event = new Event();
    await withTaskGroup(async (tg) => {
      expect(event.statistics()).toEqual({ tasksWaiting: 0 });
      for (let i = 1; i <= 2; i++) {
        tg.startSoon(() => event.wait());
        await waitAllTasksBlocked();
        expect(event.statistics().tasksWaiting).toBe(i);
      }
      event.set();
    });
    expect(event.statistics().tasksWaiting).toBe(0);
  });

  it('a cancelled waiter leaves the count', async () => {
    const event = new Event();
    await withTaskGroup(async (tg) => {
      const handle = tg.startSoon(() => event.wait());
      await waitAllTasksBlocked();
      expect(event.statistics().tasksWaiting).toBe(1);
      handle.cancel();
      expect(event.statistics().tasksWaiting).toBe(0);
    });
  });

  it('can be created before any task runs', async () => {
    const event = new Event();
    expect(event.isSet()).toBe(false);
    expect(event.statistics().tasksWaiting).toBe(0);
    await run(
      async () => {
        event.set();
        await event.wait();
      },
      { handleSignals: false },
    );
    expect(event.isSet()).toBe(true);
  });
});
