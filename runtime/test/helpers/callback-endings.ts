import { checkpoint } from '../../src/index.js';

/**
 * Callbacks that end in each of the four ways a `run(fn)` callback can: a value, a value after a
 * checkpoint, a synchronous throw, a rejected promise. Their outcomes, as the tests record them
 * (a value, or the error's message), are {@link EVERY_ENDING_OUTCOMES}, in the same order.
 */
export function callbacksEndingEveryWay(): (() => unknown)[] {
  return [
    () => 'sync value',
    async () => {
      await checkpoint();
      return 'async value';
    },
    () => {
      throw new Error('sync failure');
    },
    () => Promise.reject(new Error('async failure')),
  ];
}

/** The outcomes of {@link callbacksEndingEveryWay}, in order. */
export const EVERY_ENDING_OUTCOMES: readonly unknown[] = ['sync value', 'async value', 'sync failure', 'async failure'];
