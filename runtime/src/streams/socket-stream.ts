/**
 * A byte stream over a connected `node:net` socket (TCP or Unix; a `tls.TLSSocket` too): the
 * stream that `connectTcp`, `connectUnix` and the listeners hand out.
 */

import type { Socket } from 'node:net';

import {
  type AddressFamily,
  attributeTable,
  type AttributeTable,
  lookupAttribute,
  SocketAttribute,
  type TypedAttribute,
} from '../abc/attributes.js';
import type { ByteStream } from '../abc/streams.js';
import { registerResource, type ResourceRegistration } from '../resources/registry.js';
import { iterateReceived } from './iterate.js';
import { DEFAULT_RECEIVE_SIZE, ReadableReceiver } from './readable-receiver.js';
import { WritableSender } from './writable-sender.js';

/** Waits for a native socket's 'close' event (at once if it already closed). Never rejects. */
export function socketClosed(socket: Socket): Promise<void> {
  if ((socket as { closed?: boolean }).closed === true) return Promise.resolve();
  return new Promise((resolve) => socket.once('close', () => resolve()));
}

/** Describes where a TCP socket goes, for messages and the registry. */
export function describeSocket(socket: Socket): string {
  const host = socket.remoteFamily === 'IPv6' ? `[${socket.remoteAddress}]` : socket.remoteAddress;
  return `the TCP connection to ${host}:${socket.remotePort}`;
}

/**
 * A connected socket as a {@link ByteStream}. Get one from `connectTcp`, `connectUnix` or a
 * listener; the native socket is `stream.extra(SocketAttribute.rawSocket)`.
 *
 * @example
 * ```ts
 * await using stream = await connectTcp('localhost', port);
 * await stream.send(new TextEncoder().encode('ping'));
 * const reply = await stream.receive();
 * ```
 */
export class SocketStream implements ByteStream {
  /** @internal */
  readonly extraAttributes: AttributeTable;
  private readonly receiver: ReadableReceiver;
  private readonly sender: WritableSender;
  private readonly registration: ResourceRegistration;
  private readonly description: string;
  private closing: Promise<void> | undefined;

  /** @internal Streams are made by `connectTcp`, `connectUnix` and listeners. */
  constructor(
    /** @internal */
    readonly socket: Socket,
    unixPath?: string,
    moreAttributes?: AttributeTable,
    description?: string,
  ) {
    const isUnix = unixPath !== undefined;
    this.description = description ?? (isUnix ? `the Unix socket connection on ${unixPath}` : describeSocket(socket));
    const what = (): string => this.description;
    this.receiver = new ReadableReceiver(socket, what);
    this.sender = new WritableSender(socket, what);
    this.registration = registerResource(isUnix ? 'unix-stream' : 'tcp-stream', this.description);
    // Captured now: a closed socket forgets its addresses.
    const local = { address: socket.localAddress, port: socket.localPort };
    const remote = { address: socket.remoteAddress, port: socket.remotePort, family: socket.remoteFamily };
    const family: AddressFamily = isUnix ? 'unix' : remote.family === 'IPv6' ? 'IPv6' : 'IPv4';
    this.extraAttributes = attributeTable(
      [SocketAttribute.family, () => family],
      [SocketAttribute.rawSocket, () => socket],
      [SocketAttribute.localAddress, () => (isUnix ? (local.address ?? '') : local.address)],
      [SocketAttribute.remoteAddress, () => (isUnix ? unixPath : remote.address)],
      ...(isUnix
        ? []
        : ([
            [SocketAttribute.localPort, () => local.port],
            [SocketAttribute.remotePort, () => remote.port],
          ] as [TypedAttribute<unknown>, () => unknown][])),
      ...(moreAttributes === undefined ? [] : [moreAttributes]),
    );
  }

  extra<T>(attribute: TypedAttribute<T>): T;
  extra<T, D>(attribute: TypedAttribute<T>, defaultValue: D): T | D;
  extra(attribute: TypedAttribute<unknown>, ...defaultValue: unknown[]): unknown {
    return lookupAttribute(this.extraAttributes, attribute, defaultValue);
  }

  receive(maxBytes = DEFAULT_RECEIVE_SIZE): Promise<Uint8Array> {
    return this.receiver.receive(maxBytes);
  }

  send(bytes: Uint8Array): Promise<void> {
    return this.sender.send(bytes);
  }

  sendEof(): Promise<void> {
    return this.sender.sendEof();
  }

  [Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    return iterateReceived(() => this.receive());
  }

  /**
   * Closes the connection at once (bytes that `send` already resolved for are with the operating
   * system and still go out). Completes even in a cancelled scope. Idempotent.
   */
  aclose(): Promise<void> {
    if (this.closing === undefined) {
      this.receiver.close();
      this.sender.close();
      this.socket.destroy();
      this.closing = socketClosed(this.socket).then(() => this.registration.unregister());
    }
    return this.closing;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.aclose();
  }

  /**
   * @internal Hands the native socket to a new owner (TLS): this stream stops listening to it
   * and counts as closed; bytes it had buffered are put back into the socket.
   */
  _detach(): Socket {
    const leftover = this.receiver.drain();
    this.receiver.close();
    this.sender.close();
    this.socket.removeAllListeners('data');
    this.socket.removeAllListeners('end');
    this.socket.removeAllListeners('error');
    this.socket.removeAllListeners('close');
    this.socket.pause();
    for (let i = leftover.length - 1; i >= 0; i--) this.socket.unshift(leftover[i]!);
    this.registration.unregister();
    this.closing = Promise.resolve();
    return this.socket;
  }
}
