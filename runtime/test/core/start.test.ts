import { describe, expect, it } from 'vitest';
import {
  CancelScope,
  checkpoint,
  currentTime,
  isCancelled,
  sleep,
  sleepForever,
  TASK_STATUS_IGNORED,
  type TaskStatus,
  withTaskGroup,
} from '../../src/index.js';
import { inVirtualTime } from '../helpers/virtual-time.js';

class StartupFailed extends Error {}

async function server(port: number, status: TaskStatus<number> = TASK_STATUS_IGNORED) {
  await sleep(10);
  status.started(port + 1);
  await sleepForever();
}

describe('TaskGroup.start', () => {
  it('returns the value given to started() and keeps the task running in the group', () =>
    inVirtualTime(async () => {
      await withTaskGroup(async (tg) => {
        const port = await tg.start<number>((status) => server(8080, status));
        expect(port).toBe(8081);
        tg.cancel();
      });
    }));

  it('the same function can be startSoon-ed thanks to TASK_STATUS_IGNORED', () =>
    inVirtualTime(async () => {
      await withTaskGroup(async (tg) => {
        tg.startSoon(server, 1);
        await sleep(20);
        tg.cancel();
      });
    }));

  it('an error raised before started() comes out of start() itself, unwrapped', () =>
    inVirtualTime(async () => {
      await withTaskGroup(async (tg) => {
        const error = await tg
          .start(async () => {
            await checkpoint();
            throw new StartupFailed('bind failed');
          })
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(StartupFailed);
      });
    }));

  it('a task that returns without calling started() is an error of start()', () =>
    inVirtualTime(async () => {
      await withTaskGroup(async (tg) => {
        await expect(tg.start(async () => undefined)).rejects.toThrow(/without calling status.started\(\)/);
      });
    }));

  it('calling started() twice is an error', () =>
    inVirtualTime(async () => {
      let second: unknown;
      await withTaskGroup(async (tg) => {
        await tg.start((status: TaskStatus) => {
          status.started();
          try {
            status.started();
          } catch (e) {
            second = e;
          }
        });
      });
      expect(second).toBeInstanceOf(Error);
      expect((second as Error).message).toMatch(/twice/);
    }));

  it('after started(), an error belongs to the group', () =>
    inVirtualTime(async () => {
      const error = await withTaskGroup(async (tg) => {
        await tg.start(async (status: TaskStatus) => {
          status.started();
          await sleep(5);
          throw new StartupFailed('later');
        });
        await sleepForever();
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StartupFailed);
    }));

  it('cancelling a start() cancels that task, not the group', () =>
    inVirtualTime(async () => {
      let siblingFinished = false;
      let startOutcome: unknown;
      await withTaskGroup(async (tg) => {
        tg.startSoon(async () => {
          await sleep(50);
          siblingFinished = true;
        });
        const scope = new CancelScope({ deadline: currentTime() + 5 });
        await scope.run(async () => {
          try {
            await tg.start(async () => {
              await sleepForever();
            });
          } catch (e) {
            startOutcome = e;
            throw e;
          }
        });
        expect(scope.cancelledCaught).toBe(true);
      });
      expect(isCancelled(startOutcome)).toBe(true);
      expect(siblingFinished).toBe(true);
    }));

  it('before started(), the task is under the caller scope; after, under the group scope', () =>
    inVirtualTime(async () => {
      let taskCancelled = false;
      await withTaskGroup(async (tg) => {
        const callerScope = new CancelScope();
        await callerScope.run(async () => {
          await tg.start(async (status: TaskStatus) => {
            status.started();
            try {
              await sleep(100);
            } catch (e) {
              taskCancelled = isCancelled(e);
              throw e;
            }
          });
          callerScope.cancel(); // must not reach the started task
        });
      });
      expect(taskCancelled).toBe(false);
    }));
});
