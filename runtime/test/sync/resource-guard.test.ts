import { describe, expect, it } from 'vitest';
import { BusyResourceError, Event, ResourceGuard, run, waitAllTasksBlocked, withTaskGroup } from '../../src/index.js';

describe('ResourceGuard', () => {
  it('raises BusyResourceError when a second task uses the resource', async () => {
    const guard = new ResourceGuard('reading from');
    const release = new Event();
    let error: unknown;
    await withTaskGroup(async (tg) => {
      tg.startSoon(async () => {
        using _guard = guard.hold();
        await release.wait();
      });
      await waitAllTasksBlocked();
      tg.startSoon(async () => {
        try {
          await guard.run(() => 'never');
        } catch (e) {
          error = e;
        }
      });
      await waitAllTasksBlocked();
      release.set();
    });
    expect(error).toBeInstanceOf(BusyResourceError);
    expect(String(error)).toMatch(/Another task is already reading from this resource/);
    expect(guard.inUse).toBe(false);
  });

  it('is free again once the user is done, whatever happened', async () => {
    const guard = new ResourceGuard();
    await expect(guard.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(guard.inUse).toBe(false);
    expect(await guard.run(() => 5)).toBe(5);
    {
      await using _held = guard.hold();
      expect(() => guard.hold()).toThrow(/Another task is already using this resource/);
    }
    expect(guard.inUse).toBe(false);
  });

  it('reports statistics', async () => {
    const guard = new ResourceGuard();
    expect(guard.statistics()).toEqual({ inUse: false, user: null, tasksWaiting: 0 });
    await guard.run(() => {
      const stats = guard.statistics();
      expect(stats.inUse).toBe(true);
      expect(stats.user?.name).toBe('<root>');
    });
  });

  it('a hold released from another task frees the resource', async () => {
    const guard = new ResourceGuard();
    const held = guard.hold();
    await withTaskGroup((tg) => {
      tg.startSoon(() => held.release());
    });
    expect(held.released).toBe(true);
    expect(guard.inUse).toBe(false);
  });

  it('can be created before any task runs and used in one', async () => {
    const guard = new ResourceGuard('writing to');
    expect(guard.statistics()).toEqual({ inUse: false, user: null, tasksWaiting: 0 });
    await run(
      async () => {
        await guard.run(() => expect(guard.statistics().user?.name).toBe('main'));
        using _guard = guard.hold();
        expect(() => guard.hold()).toThrow(/Another task is already writing to this resource/);
      },
      { handleSignals: false },
    );
    expect(guard.inUse).toBe(false);
  });
});
