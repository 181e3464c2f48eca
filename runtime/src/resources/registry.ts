/**
 * The registry of open resources: every socket, listener, worker thread, child process and
 * signal handler that the runtime opens is recorded here until it is closed. Tests ask it whether
 * anything outlived its scope; `process.getActiveResourcesInfo()` cannot answer that on every
 * runtime (it misses workers on Node, child processes on Deno, and everything on Bun).
 */

/**
 * The kinds of resource the runtime tracks.
 *
 * @example
 * ```ts
 * const sockets = openResources().filter((r) => (['tcp-stream', 'tcp-listener'] as ResourceKind[]).includes(r.kind));
 * ```
 */
export type ResourceKind =
  | 'tcp-stream'
  | 'unix-stream'
  | 'tcp-listener'
  | 'unix-listener'
  | 'udp-socket'
  | 'worker-thread'
  | 'child-process'
  | 'signal-handler';

/**
 * One open resource, as {@link openResources} reports it.
 *
 * @example
 * ```ts
 * for (const { kind, description }: OpenResourceInfo of openResources()) console.warn(`still open: ${kind} ${description}`);
 * ```
 */
export interface OpenResourceInfo {
  /** Unique among the resources of this process. */
  readonly id: number;
  readonly kind: ResourceKind;
  /** What it is, for a human: addresses, a command line, a signal name. */
  readonly description: string;
  /**
   * True for a worker thread idling in the shared thread pool: it belongs to no scope and ends
   * by itself after its idle timeout (see `toThread`).
   */
  readonly pooled: boolean;
}

/** The handle a resource keeps to report that it closed. */
export interface ResourceRegistration {
  /** Marks the resource closed. Idempotent. */
  unregister(): void;
  /** Changes whether the resource counts as pooled (idle in a pool) rather than in use. */
  setPooled(pooled: boolean): void;
  /** Replaces the description, once more is known (the port a listener was given, say). */
  describe(description: string): void;
}

let nextId = 1;

// Invariant: holds exactly the resources that have been opened and not yet closed.
const open = new Map<number, { kind: ResourceKind; description: string; pooled: boolean }>();

/** @internal Records a resource as open until the returned registration is unregistered. */
export function registerResource(kind: ResourceKind, description: string): ResourceRegistration {
  const id = nextId++;
  const entry = { kind, description, pooled: false };
  open.set(id, entry);
  return {
    unregister: () => {
      open.delete(id);
    },
    setPooled: (pooled) => {
      entry.pooled = pooled;
    },
    describe: (description) => {
      entry.description = description;
    },
  };
}

/**
 * Every resource the runtime has opened and not yet closed, oldest first. Pooled idle worker
 * threads are included only with `{ includePooled: true }`.
 *
 * @example
 * ```ts
 * import { openResources } from '@corral/runtime/testing';
 * afterEach(() => {
 *   expect(openResources()).toEqual([]);
 * });
 * ```
 */
export function openResources(options: { includePooled?: boolean } = {}): OpenResourceInfo[] {
  const result: OpenResourceInfo[] = [];
  for (const [id, entry] of open) {
    if (entry.pooled && options.includePooled !== true) continue;
    result.push({ id, kind: entry.kind, description: entry.description, pooled: entry.pooled });
  }
  return result;
}
