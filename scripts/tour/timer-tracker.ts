/**
 * Counts the timers that given folders create and have not yet fired or cleared, by wrapping
 * `setTimeout` and `clearTimeout` (global and `node:timers`) before those folders' code loads.
 * A timer belongs to a folder when the function that called `setTimeout` lives in it, so the
 * timers of Node's own HTTP client are not counted against the app.
 */
import { syncBuiltinESMExports } from 'node:module';
import timers from 'node:timers';

export interface PendingTimer {
  /** The file and line that created the timer. */
  site: string;
  delayMs: number;
}

export interface TimerTracker {
  pending(): PendingTimer[];
}

const frameLocation = /\(?((?:file:\/\/)?\/[^()]+?):(\d+):\d+\)?$/;

function callerSite(stack: string | undefined, folders: readonly string[]): string | undefined {
  // Frame 0 is the message, 1 the wrapper below, 2 whoever called setTimeout.
  const frame = stack?.split('\n')[2];
  const match = frame === undefined ? null : frameLocation.exec(frame.trim());
  if (match === null) return undefined;
  const file = (match[1] ?? '').replace(/^file:\/\//, '');
  const folder = folders.find((candidate) => file.startsWith(candidate));
  return folder === undefined ? undefined : `${file.slice(folder.length + 1)}:${match[2]}`;
}

/** Starts tracking the timers created from code in `folders` (absolute paths). */
export function trackTimers(folders: readonly string[]): TimerTracker {
  // Invariant: a timer is in `live` from its creation until it fires or is cleared.
  const live = new Map<unknown, PendingTimer>();
  const originalSet = globalThis.setTimeout;
  const originalClear = globalThis.clearTimeout;

  function trackedSetTimeout(callback: (...args: unknown[]) => void, delay?: number, ...args: unknown[]) {
    const site = callerSite(new Error().stack, folders);
    const handle = originalSet(
      (...callbackArgs: unknown[]) => {
        live.delete(handle);
        callback(...callbackArgs);
      },
      delay,
      ...args,
    );
    if (site !== undefined) live.set(handle, { site, delayMs: delay ?? 0 });
    return handle;
  }

  function trackedClearTimeout(handle: Parameters<typeof clearTimeout>[0]) {
    live.delete(handle);
    originalClear(handle);
  }

  const setTimeoutReplacement = Object.assign(trackedSetTimeout, originalSet);
  globalThis.setTimeout = setTimeoutReplacement;
  globalThis.clearTimeout = trackedClearTimeout;
  timers.setTimeout = setTimeoutReplacement;
  timers.clearTimeout = trackedClearTimeout;
  syncBuiltinESMExports();
  return { pending: () => [...live.values()] };
}
