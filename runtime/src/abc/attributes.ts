/**
 * Typed attributes: a stream (or listener) answers `extra(attribute)` with a value whose type the
 * attribute key carries, so `stream.extra(SocketAttribute.remotePort)` is a `number` without a
 * cast. Wrapping streams (TLS, buffered, text) answer for their own attributes and pass every
 * other question to the stream they wrap.
 */

import type { Socket as DatagramSocket } from 'node:dgram';
import type { Server, Socket } from 'node:net';

import { CorralError } from '../core/errors.js';

/**
 * A key for a value of type `T` that a resource may provide. Compared by identity.
 *
 * @example
 * ```ts
 * const requestId = new TypedAttribute<string>('requestId');
 * ```
 */
export class TypedAttribute<T> {
  /** Only here so that `TypedAttribute<string>` and `TypedAttribute<number>` differ as types. */
  declare readonly valueType: T;

  constructor(
    /** A name for messages. */
    readonly name: string,
  ) {}

  toString(): string {
    return `TypedAttribute(${this.name})`;
  }
}

const LOOKUP_CODE = 'CORRAL_TYPED_ATTRIBUTE_LOOKUP';

/**
 * `extra(attribute)` was asked for an attribute the resource does not provide, and no default was
 * given.
 *
 * @example
 * ```ts
 * try { stream.extra(SocketAttribute.remotePort); } catch (e) { if (e instanceof TypedAttributeLookupError) ... }
 * ```
 */
export class TypedAttributeLookupError extends CorralError {
  constructor(message: string) {
    super(LOOKUP_CODE, message);
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as { code?: unknown }).code === LOOKUP_CODE;
  }
}

/** A table from attributes to functions that compute their values (lazily, when asked). */
export type AttributeTable = ReadonlyMap<TypedAttribute<unknown>, () => unknown>;

/**
 * Something that answers typed attribute queries.
 *
 * @example
 * ```ts
 * const port = stream.extra(SocketAttribute.remotePort);
 * const alpn = stream.extra(TLSAttribute.alpnProtocol, null);
 * ```
 */
export interface TypedAttributeProvider {
  /** The attribute's value; throws {@link TypedAttributeLookupError} when it is not provided. */
  extra<T>(attribute: TypedAttribute<T>): T;
  /** The attribute's value, or `defaultValue` when it is not provided. */
  extra<T, D>(attribute: TypedAttribute<T>, defaultValue: D): T | D;
  /** @internal The table this provider answers from (wrappers merge their inner stream's). */
  readonly extraAttributes: AttributeTable;
}

/** Builds an attribute table; later entries override earlier ones (wrapper over wrapped). */
export function attributeTable(
  ...entries: ([TypedAttribute<unknown>, () => unknown] | AttributeTable)[]
): AttributeTable {
  const table = new Map<TypedAttribute<unknown>, () => unknown>();
  for (const entry of entries) {
    if (Array.isArray(entry)) table.set(entry[0], entry[1]);
    else for (const [key, value] of entry) table.set(key, value);
  }
  return table;
}

/** The shared implementation of `extra()`: look the attribute up, fall back or throw. */
export function lookupAttribute(table: AttributeTable, attribute: TypedAttribute<unknown>, args: unknown[]): unknown {
  const getter = table.get(attribute);
  if (getter !== undefined) return getter();
  if (args.length > 0) return args[0];
  throw new TypedAttributeLookupError(`this resource does not provide the attribute ${attribute.name}`);
}

/**
 * The native object behind a socket resource (see `SocketAttribute.rawSocket`).
 *
 * @example
 * ```ts
 * const raw: RawSocket = stream.extra(SocketAttribute.rawSocket);
 * if (raw instanceof net.Socket) raw.setKeepAlive(true, 30_000);
 * ```
 */
export type RawSocket = Socket | Server | DatagramSocket;

/**
 * The address family of a socket.
 *
 * @example
 * ```ts
 * const family: AddressFamily = stream.extra(SocketAttribute.family); // 'IPv4', 'IPv6' or 'unix'
 * ```
 */
export type AddressFamily = 'IPv4' | 'IPv6' | 'unix';

/**
 * Attributes of sockets (TCP, Unix, UDP) and of listeners.
 *
 * @example
 * ```ts
 * const stream = await connectTcp('localhost', port);
 * console.log(stream.extra(SocketAttribute.remoteAddress), stream.extra(SocketAttribute.remotePort));
 * const raw = stream.extra(SocketAttribute.rawSocket); // the node:net Socket: the escape hatch
 * ```
 */
export const SocketAttribute = Object.freeze({
  /** The local IP address (or the socket path for Unix sockets). */
  localAddress: new TypedAttribute<string>('SocketAttribute.localAddress'),
  /** The local port (TCP and UDP). */
  localPort: new TypedAttribute<number>('SocketAttribute.localPort'),
  /** The peer's IP address (or path for Unix sockets); connected sockets only. */
  remoteAddress: new TypedAttribute<string>('SocketAttribute.remoteAddress'),
  /** The peer's port; connected TCP and UDP sockets only. */
  remotePort: new TypedAttribute<number>('SocketAttribute.remotePort'),
  /** `'IPv4'`, `'IPv6'` or `'unix'`. */
  family: new TypedAttribute<AddressFamily>('SocketAttribute.family'),
  /**
   * The native socket object: a `node:net` `Socket` (or `tls.TLSSocket`) for streams, a
   * `node:net` `Server` for listeners, a `node:dgram` `Socket` for UDP. Touching it bypasses the
   * stream's buffering and bookkeeping: read from it only if you never call `receive()` again.
   */
  rawSocket: new TypedAttribute<RawSocket>('SocketAttribute.rawSocket'),
});
