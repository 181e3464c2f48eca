/**
 * UDP sockets: `createUdpSocket` (send to and receive from any address) and
 * `createConnectedUdpSocket` (one peer). Datagrams are objects: each `receive()` returns one whole
 * datagram, each `send()` sends one.
 */

import type { Socket as DatagramSocket, RemoteInfo } from 'node:dgram';

import { attributeTable, type AttributeTable, lookupAttribute, SocketAttribute, type TypedAttribute } from '../abc/attributes.js';
import type { ObjectStream } from '../abc/streams.js';
import { platform } from '../backend/select-platform.js';
import { checkpoint } from '../core/checkpoint.js';
import { BrokenResourceError, BusyResourceError, ClosedResourceError } from '../core/errors.js';
import { park, type Parked } from '../core/park.js';
import { registerResource, type ResourceRegistration } from '../resources/registry.js';
import { iterateReceived } from '../streams/iterate.js';
import { checkBytes } from '../streams/writable-sender.js';
import { waitForEvent } from './native-wait.js';
import { resolveAll } from './resolve.js';

/**
 * A datagram and where it came from (or goes to): `[bytes, [host, port]]`.
 *
 * @example
 * ```ts
 * const [data, [host, port]]: UDPPacket = await socket.receive();
 * await socket.sendto(data, host, port); // echo it back
 * ```
 */
export type UDPPacket = [data: Uint8Array, address: [host: string, port: number]];

/** Datagrams that arrived and were not received yet are kept up to this many; more are dropped. */
const MAX_QUEUED_DATAGRAMS = 4096;

/** Shared by both kinds of UDP socket: the receive queue, sending, closing, attributes. */
abstract class DatagramEndpoint<T> {
  // Invariant: `queue` holds datagrams that arrived and were not received, oldest first.
  private readonly queue: UDPPacket[] = [];
  private waiter: Parked<void> | undefined;
  private failure: unknown = undefined;
  private closed = false;
  private closing: Promise<void> | undefined;
  private readonly registration: ResourceRegistration;
  /** @internal */
  readonly extraAttributes: AttributeTable;

  constructor(
    protected readonly socket: DatagramSocket,
    protected readonly description: string,
  ) {
    this.registration = registerResource('udp-socket', description);
    socket.on('message', (data: Buffer, info: RemoteInfo) => {
      if (this.queue.length >= MAX_QUEUED_DATAGRAMS) return; // UDP may drop; so do we, when full
      this.queue.push([data, [info.address, info.port]]);
      this.wake();
    });
    socket.on('error', (error) => {
      this.failure ??= error;
      this.wake();
    });
    const local = socket.address();
    const remote = safeRemote(socket);
    this.extraAttributes = attributeTable(
      [SocketAttribute.localAddress, () => local.address],
      [SocketAttribute.localPort, () => local.port],
      [SocketAttribute.family, () => (local.family === 'IPv6' ? 'IPv6' : 'IPv4')],
      [SocketAttribute.rawSocket, () => socket],
      ...(remote === undefined
        ? []
        : ([
            [SocketAttribute.remoteAddress, () => remote.address],
            [SocketAttribute.remotePort, () => remote.port],
          ] as [TypedAttribute<unknown>, () => unknown][])),
    );
  }

  extra<A>(attribute: TypedAttribute<A>): A;
  extra<A, D>(attribute: TypedAttribute<A>, defaultValue: D): A | D;
  extra(attribute: TypedAttribute<unknown>, ...defaultValue: unknown[]): unknown {
    return lookupAttribute(this.extraAttributes, attribute, defaultValue);
  }

  /** Receives the next datagram; a cancelled receive takes none. */
  abstract receive(): Promise<T>;

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return iterateReceived(() => this.receive());
  }

  /** UDP has no half-close: this does nothing but check that the socket is open. */
  async sendEof(): Promise<void> {
    await checkpoint();
    this.assertOpen();
  }

  /** Closes the socket. Idempotent. */
  aclose(): Promise<void> {
    if (this.closing === undefined) {
      this.closed = true;
      this.queue.length = 0;
      this.wake();
      this.closing = new Promise<void>((resolve) => this.socket.close(() => resolve())).then(() =>
        this.registration.unregister(),
      );
    }
    return this.closing;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.aclose();
  }

  protected async receivePacket(): Promise<UDPPacket> {
    if (this.waiter !== undefined) throw new BusyResourceError(`another task is already receiving on ${this.description}`);
    if (this.queue.length > 0) await checkpoint();
    for (;;) {
      this.assertOpen();
      const packet = this.queue.shift();
      if (packet !== undefined) return packet;
      const op = park<void>(() => {
        this.waiter = undefined;
      });
      if (!op.settled) this.waiter = op;
      await op.promise;
    }
  }

  protected async sendPacket(data: Uint8Array, address: [string, number] | undefined): Promise<void> {
    checkBytes(data, 'send');
    this.assertOpen();
    const op = park<void>();
    if (op.settled) return op.promise;
    const done = (error: Error | null): void => {
      if (error === null) op.wake(undefined);
      else op.fail(new BrokenResourceError(`sending on ${this.description} failed: ${error.message}`, { cause: error }));
    };
    if (address === undefined) this.socket.send(data, done);
    else this.socket.send(data, address[1], address[0], done);
    return op.promise;
  }

  private assertOpen(): void {
    if (this.closed) throw new ClosedResourceError(`${this.description} was closed`);
    if (this.failure !== undefined) {
      throw new BrokenResourceError(`${this.description} failed`, { cause: this.failure });
    }
  }

  private wake(): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.wake(undefined);
  }
}

function safeRemote(socket: DatagramSocket): { address: string; port: number } | undefined {
  try {
    return socket.remoteAddress();
  } catch {
    return undefined; // not connected
  }
}

/**
 * An unconnected UDP socket: receives `[data, [host, port]]` from anyone, sends to any address.
 *
 * @example
 * ```ts
 * await using udp = await createUdpSocket({ localHost: '127.0.0.1' });
 * await udp.sendto(new TextEncoder().encode('ping'), '127.0.0.1', peerPort);
 * const [data, [host, port]] = await udp.receive();
 * ```
 */
export class UDPSocket extends DatagramEndpoint<UDPPacket> implements ObjectStream<UDPPacket> {
  /** Receives one datagram and its sender's address. */
  receive(): Promise<UDPPacket> {
    return this.receivePacket();
  }

  /** Sends `[data, [host, port]]`. Resolves once the datagram was handed to the system. */
  send(packet: UDPPacket): Promise<void> {
    const [data, address] = packet;
    return this.sendPacket(data, address);
  }

  /** Sends `data` to `host`:`port`. */
  sendto(data: Uint8Array, host: string, port: number): Promise<void> {
    return this.sendPacket(data, [host, port]);
  }
}

/**
 * A UDP socket connected to one peer: datagrams are plain `Uint8Array`s, and only the peer's
 * reach `receive()`.
 *
 * @example
 * ```ts
 * await using udp = await createConnectedUdpSocket({ remoteHost: '127.0.0.1', remotePort: port });
 * await udp.send(new TextEncoder().encode('ping'));
 * const reply = await udp.receive();
 * ```
 */
export class ConnectedUDPSocket extends DatagramEndpoint<Uint8Array> implements ObjectStream<Uint8Array> {
  /** Receives one datagram from the peer. */
  async receive(): Promise<Uint8Array> {
    const [data] = await this.receivePacket();
    return data;
  }

  /** Sends one datagram to the peer. */
  send(data: Uint8Array): Promise<void> {
    return this.sendPacket(data, undefined);
  }
}

/**
 * Options of {@link createUdpSocket}.
 *
 * @example
 * ```ts
 * await using socket = await createUdpSocket({ localHost: '0.0.0.0', localPort: 5353, reuseAddress: true });
 * ```
 */
export interface UdpSocketOptions {
  /** The local address (or name) to bind to; by default all addresses of `family`. */
  localHost?: string;
  /** The local port; 0 (the default) picks a free one. */
  localPort?: number;
  /** `'IPv4'` (the default unless `localHost` is IPv6) or `'IPv6'`. */
  family?: 'IPv4' | 'IPv6';
  /** Let several sockets bind the same address (`SO_REUSEADDR`). */
  reuseAddress?: boolean;
}

/**
 * Options of {@link createConnectedUdpSocket}.
 *
 * @example
 * ```ts
 * await using socket = await createConnectedUdpSocket({ remoteHost: 'time.example', remotePort: 123 });
 * ```
 */
export interface ConnectedUdpSocketOptions extends UdpSocketOptions {
  /** The peer's address or name. */
  remoteHost: string;
  /** The peer's port. */
  remotePort: number;
}

async function bound(options: UdpSocketOptions, preferredFamily?: 4 | 6): Promise<DatagramSocket> {
  const local = options.localHost === undefined ? undefined : (await resolveAll(options.localHost))[0];
  const family = local?.family ?? (options.family === 'IPv6' ? 6 : (preferredFamily ?? 4));
  const socket = platform().createUdpSocket(family, options.reuseAddress ?? false);
  const port = options.localPort ?? 0;
  try {
    socket.bind({ port, ...(local === undefined ? {} : { address: local.address }) });
    await waitForEvent(socket, 'listening', () => socket.close());
  } catch (error) {
    try {
      socket.close();
    } catch {
      // already closed by the cancellation
    }
    throw error;
  }
  return socket;
}

/**
 * Opens a UDP socket bound to `localHost`:`localPort` (by default any address, a free port).
 *
 * @example
 * ```ts
 * await using udp = await createUdpSocket({ localHost: '127.0.0.1' });
 * console.log('bound to port', udp.extra(SocketAttribute.localPort));
 * ```
 */
export async function createUdpSocket(options: UdpSocketOptions = {}): Promise<UDPSocket> {
  const socket = await bound(options);
  const local = socket.address();
  return new UDPSocket(socket, `the UDP socket on ${local.address}:${local.port}`);
}

/**
 * Opens a UDP socket connected to `remoteHost`:`remotePort`.
 *
 * @example
 * ```ts
 * await using udp = await createConnectedUdpSocket({ remoteHost: 'localhost', remotePort: 5353 });
 * await udp.send(query);
 * ```
 */
export async function createConnectedUdpSocket(options: ConnectedUdpSocketOptions): Promise<ConnectedUDPSocket> {
  const remote = (await resolveAll(options.remoteHost))[0]!;
  const socket = await bound(options, remote.family);
  try {
    socket.connect(options.remotePort, remote.address);
    await waitForEvent(socket, 'connect', () => socket.close());
  } catch (error) {
    try {
      socket.close();
    } catch {
      // already closed by the cancellation
    }
    throw error;
  }
  return new ConnectedUDPSocket(socket, `the UDP socket connected to ${remote.address}:${options.remotePort}`);
}
