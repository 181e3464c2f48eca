import type { TaskGroup } from '../core/task-group.js';
import type { TypedAttributeProvider } from './attributes.js';
import type { AsyncResource } from './resource.js';

/**
 * Accepts incoming connections (or other streams) of type `T`.
 *
 * @example
 * ```ts
 * await using listener = await createTcpListener({ localPort: 0 });
 * await listener.serve(async (stream) => {
 *   for await (const chunk of stream) await stream.send(chunk);
 * });
 * ```
 */
export interface Listener<T> extends AsyncResource, TypedAttributeProvider {
  /** Waits for the next connection. */
  accept(): Promise<T>;
  /**
   * Accepts connections forever, running `handler(connection)` for each one as a task of
   * `taskGroup` (or of a group of its own); the connection is closed when the handler returns or
   * fails. A handler's error cancels the group, as with any task. Returns only by cancellation
   * or error.
   */
  serve(handler: (connection: T) => Promise<void> | void, taskGroup?: TaskGroup): Promise<never>;
}
