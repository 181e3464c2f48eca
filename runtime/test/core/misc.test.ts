import { describe, expect, it } from 'vitest';
import {
  abandonOnCancel,
  Cancelled,
  CorralError,
  currentBackend,
  EndOfStream,
  isCancelled,
  moveOnAfter,
  sleepForever,
  waitAllTasksBlocked,
  withTaskGroup,
} from '../../src/index.js';
import { inVirtualTime } from '../helpers/virtual-time.js';

describe('currentBackend', () => {
  it('names the runtime this suite runs on', () => {
    const expected = 'Deno' in globalThis ? 'deno' : 'Bun' in globalThis ? 'bun' : 'node';
    const backend = currentBackend();
    expect(backend.name).toBe(expected);
    expect(backend.version).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('abandonOnCancel', () => {
  it('returns the value of a native promise', async () => {
    expect(await abandonOnCancel(Promise.resolve(7))).toBe(7);
  });

  it('stops waiting for a promise that ignores its signal when the scope is cancelled', () =>
    inVirtualTime(async () => {
      let settle: ((v: string) => void) | undefined;
      const stubborn = new Promise<string>((resolve) => (settle = resolve));
      const result = await moveOnAfter(10, () => abandonOnCancel(stubborn));
      expect(result).toBeUndefined();
      settle!('late'); // settles afterwards, unobserved, without an unhandled rejection
    }));

  it('does not turn a later rejection of the abandoned promise into an unhandled rejection', () =>
    inVirtualTime(async () => {
      let fail: ((e: Error) => void) | undefined;
      const stubborn = new Promise<string>((_, reject) => (fail = reject));
      await moveOnAfter(10, () => abandonOnCancel(stubborn));
      fail!(new Error('late failure'));
      await new Promise((resolve) => setTimeout(resolve, 5));
    }));
});

describe('waitAllTasksBlocked', () => {
  it('returns once every other task is parked', () =>
    inVirtualTime(async () => {
      const reached: string[] = [];
      await withTaskGroup(async (tg) => {
        for (const name of ['a', 'b']) {
          tg.startSoon(async () => {
            await Promise.resolve();
            reached.push(name);
            await sleepForever();
          });
        }
        await waitAllTasksBlocked();
        expect(reached.sort()).toEqual(['a', 'b']);
        tg.cancel();
      });
    }));
});

describe('errors', () => {
  it('carry stable codes and brand-based instanceof', () => {
    const error = new EndOfStream('done');
    expect(error.code).toBe('CORRAL_END_OF_STREAM');
    expect(error).toBeInstanceOf(CorralError);
    expect(error).toBeInstanceOf(EndOfStream);
    // A structurally identical error from another copy of the package is recognised.
    const foreign = Object.assign(new Error('x'), { [Symbol.for('@corral/runtime.error-code')]: 'CORRAL_END_OF_STREAM' });
    expect(foreign).toBeInstanceOf(EndOfStream);
  });

  it('Cancelled has no public constructor', () => {
    const Ctor = Cancelled as unknown as new (...args: unknown[]) => unknown;
    expect(() => new Ctor('x')).toThrow(TypeError);
    expect(isCancelled(new Error('x'))).toBe(false);
  });
});
