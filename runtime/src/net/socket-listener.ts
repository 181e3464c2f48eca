/**
 * A listener over one or more native servers (a TCP listener may listen on several addresses, one
 * per family, on one port). Connections are wrapped as they arrive and queued until accepted.
 */

import type { Server, Socket } from 'node:net';

import { attributeTable, type AttributeTable, lookupAttribute, type TypedAttribute } from '../abc/attributes.js';
import type { Listener } from '../abc/listener.js';
import { checkpoint } from '../core/checkpoint.js';
import { BrokenResourceError, BusyResourceError, ClosedResourceError } from '../core/errors.js';
import { park, type Parked } from '../core/park.js';
import { named } from '../core/task.js';
import { type TaskGroup, withTaskGroup } from '../core/task-group.js';
import type { ResourceKind } from '../resources/registry.js';
import { registerResource, type ResourceRegistration } from '../resources/registry.js';
import { SocketStream } from '../streams/socket-stream.js';

/**
 * A listener of TCP or Unix-socket connections. Made by `createTcpListener` and
 * `createUnixListener`.
 *
 * @example
 * ```ts
 * await using listener = await createTcpListener({ localHost: '127.0.0.1', localPort: 0 });
 * const port = listener.extra(SocketAttribute.localPort);
 * ```
 */
export class SocketListener implements Listener<SocketStream> {
  // Invariant: `queue` holds connections that arrived and were not accepted yet; each is open,
  // and is closed with the listener if never accepted.
  private readonly queue: SocketStream[] = [];
  private waiter: Parked<void> | undefined;
  private failure: unknown = undefined;
  private closed = false;
  private closing: Promise<void> | undefined;
  private readonly registration: ResourceRegistration;

  /** @internal */
  constructor(
    private readonly servers: readonly Server[],
    /** @internal */
    readonly extraAttributes: AttributeTable,
    kind: ResourceKind,
    private description: string,
  ) {
    this.registration = registerResource(kind, description);
  }

  /** @internal Names the listener anew once it is bound (its messages and its registry entry). */
  _describe(description: string): void {
    this.description = description;
    this.registration.describe(description);
  }

  /** @internal Called by the native server for each new connection. */
  _onConnection(socket: Socket, unixPath?: string): void {
    if (this.closed) {
      socket.destroy();
      return;
    }
    this.queue.push(new SocketStream(socket, unixPath));
    this.wake();
  }

  /** @internal Called on a native server error after listening started. */
  _onError(error: unknown): void {
    this.failure ??= error;
    this.wake();
  }

  extra<T>(attribute: TypedAttribute<T>): T;
  extra<T, D>(attribute: TypedAttribute<T>, defaultValue: D): T | D;
  extra(attribute: TypedAttribute<unknown>, ...defaultValue: unknown[]): unknown {
    return lookupAttribute(this.extraAttributes, attribute, defaultValue);
  }

  /** Waits for the next connection. Raises `ClosedResourceError` once the listener is closed. */
  async accept(): Promise<SocketStream> {
    if (this.waiter !== undefined) throw new BusyResourceError(`another task is already accepting on ${this.description}`);
    if (this.queue.length > 0) await checkpoint();
    for (;;) {
      if (this.closed) throw new ClosedResourceError(`${this.description} was closed`);
      const next = this.queue.shift();
      if (next !== undefined) return next;
      if (this.failure !== undefined) {
        throw new BrokenResourceError(`${this.description} failed`, { cause: this.failure });
      }
      const op = park<void>(() => {
        this.waiter = undefined;
      });
      if (!op.settled) this.waiter = op;
      await op.promise;
    }
  }

  /**
   * Accepts connections until cancelled, running `handler(stream)` for each as a task of
   * `taskGroup` (or of a task group of its own); each stream is closed when its handler ends.
   */
  async serve(handler: (stream: SocketStream) => Promise<void> | void, taskGroup?: TaskGroup): Promise<never> {
    const name = handler.name === '' ? 'connection handler' : handler.name;
    const handle = named(name, async (stream: SocketStream) => {
      try {
        await handler(stream);
      } finally {
        await stream.aclose();
      }
    });
    const acceptLoop = async (tg: TaskGroup): Promise<never> => {
      for (;;) {
        const stream = await this.accept();
        tg.startSoon(handle, stream);
      }
    };
    if (taskGroup !== undefined) return acceptLoop(taskGroup);
    return withTaskGroup(acceptLoop);
  }

  /** Stops listening and closes every connection that was not accepted. Idempotent. */
  aclose(): Promise<void> {
    if (this.closing === undefined) {
      this.closed = true;
      this.wake();
      const pending = this.queue.splice(0).map((stream) => stream.aclose());
      // `close()` stops listening at once; its callback would also wait for every accepted
      // connection to end, and those belong to their handlers, not to the listener.
      for (const server of this.servers) server.close();
      this.closing = Promise.all(pending).then(() => this.registration.unregister());
    }
    return this.closing;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.aclose();
  }

  private wake(): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.wake(undefined);
  }
}

/** The attribute table of a listener: the first server's address answers. */
export function listenerAttributes(entries: [TypedAttribute<unknown>, () => unknown][]): AttributeTable {
  return attributeTable(...entries);
}
