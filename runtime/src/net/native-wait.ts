/**
 * Waiting for a native object's outcome event as a Corral operation: the wait is a checkpoint,
 * and a cancellation runs `onCancel` (which destroys the native object) and raises `Cancelled`.
 */

import type { EventEmitter } from 'node:events';

import { park } from '../core/park.js';

/**
 * Waits until `emitter` emits `successEvent` (resolving) or 'error' (rejecting with the error).
 * Listeners are removed whatever happens.
 */
export function waitForEvent(emitter: EventEmitter, successEvent: string, onCancel: () => void): Promise<void> {
  const cleanUp = (): void => {
    emitter.off(successEvent, onSuccess);
    emitter.off('error', onError);
  };
  const op = park<void>(() => {
    cleanUp();
    onCancel();
  });
  function onSuccess(): void {
    cleanUp();
    op.wake(undefined);
  }
  function onError(error: unknown): void {
    cleanUp();
    op.fail(error);
  }
  if (op.settled) {
    onCancel();
    return op.promise;
  }
  emitter.on(successEvent, onSuccess);
  emitter.on('error', onError);
  return op.promise;
}
