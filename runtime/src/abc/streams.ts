/**
 * The stream interfaces: one shape for every transport, so code written against them runs the
 * same over TCP, TLS, Unix sockets, pipes of a child process or memory.
 */

import type { TypedAttributeProvider } from './attributes.js';
import type { AsyncResource } from './resource.js';

/**
 * The receiving half of a byte stream.
 *
 * @example
 * ```ts
 * for (;;) {
 *   let chunk: Uint8Array;
 *   try { chunk = await stream.receive(); } catch (e) { if (e instanceof EndOfStream) break; throw e; }
 *   process(chunk);
 * }
 * ```
 */
export interface ByteReceiveStream extends AsyncResource, TypedAttributeProvider {
  /**
   * Receives at most `maxBytes` (default 65536) bytes: whatever has arrived, at least one byte.
   * Never returns an empty chunk; throws `EndOfStream` once the peer has finished sending,
   * `ClosedResourceError` after this side closed, `BrokenResourceError` when the connection
   * broke, `BusyResourceError` if another task is receiving. A cancelled receive consumes nothing.
   */
  receive(maxBytes?: number): Promise<Uint8Array>;
  /** Iterates over received chunks until the end of the stream. */
  [Symbol.asyncIterator](): AsyncIterator<Uint8Array>;
}

/**
 * The sending half of a byte stream.
 *
 * @example
 * ```ts
 * await stream.send(new TextEncoder().encode('hello\n'));
 * ```
 */
export interface ByteSendStream extends AsyncResource, TypedAttributeProvider {
  /**
   * Sends `bytes`; resolves once the transport has taken them, so a slow peer slows the sender
   * down. A send cancelled midway may have delivered a prefix of `bytes` (or all of it).
   */
  send(bytes: Uint8Array): Promise<void>;
}

/**
 * A two-way byte stream (a TCP connection, a TLS session, a pair of pipes).
 *
 * @example
 * ```ts
 * await stream.send(request);
 * await stream.sendEof(); // "I am done sending"; the peer's reply can still arrive
 * const reply = await stream.receive();
 * ```
 */
export interface ByteStream extends ByteReceiveStream, ByteSendStream {
  /** Half-closes: tells the peer nothing more will be sent; receiving goes on. */
  sendEof(): Promise<void>;
}

/**
 * The receiving half of a stream of objects.
 *
 * @example
 * ```ts
 * for await (const message of receiveStream) handle(message);
 * ```
 */
export interface ObjectReceiveStream<T> extends AsyncResource, TypedAttributeProvider {
  /** Receives the next item; throws `EndOfStream` when no more will come. */
  receive(): Promise<T>;
  /** Iterates until the end of the stream. */
  [Symbol.asyncIterator](): AsyncIterator<T>;
}

/**
 * The sending half of a stream of objects.
 *
 * @example
 * ```ts
 * await sendStream.send({ kind: 'ping' });
 * ```
 */
export interface ObjectSendStream<T> extends AsyncResource, TypedAttributeProvider {
  /** Sends one item. */
  send(item: T): Promise<void>;
}

/**
 * A two-way stream of objects (a UDP socket: datagrams in, datagrams out).
 *
 * @example
 * ```ts
 * await udp.send(datagram);
 * const reply = await udp.receive();
 * ```
 */
export interface ObjectStream<T> extends ObjectReceiveStream<T>, ObjectSendStream<T> {
  /** Half-closes where the transport allows it. */
  sendEof(): Promise<void>;
}
