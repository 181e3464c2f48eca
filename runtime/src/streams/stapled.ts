/** `StapledStream`: one two-way stream made of a send half and a receive half. */

import { attributeTable, type AttributeTable, lookupAttribute, type TypedAttribute } from '../abc/attributes.js';
import type { ByteReceiveStream, ByteSendStream, ByteStream } from '../abc/streams.js';
import { iterateReceived } from './iterate.js';
import { DEFAULT_RECEIVE_SIZE } from './readable-receiver.js';

/**
 * Joins a send stream and a receive stream into one {@link ByteStream}: `send` goes to the first,
 * `receive` comes from the second, `sendEof` closes the send half, `aclose` closes both.
 *
 * @example
 * ```ts
 * await using child = await openProcess(['cat']);
 * const pipe = new StapledStream(child.stdin!, child.stdout!);
 * await pipe.send(new TextEncoder().encode('hi'));
 * ```
 */
export class StapledStream implements ByteStream {
  constructor(
    readonly sendStream: ByteSendStream,
    readonly receiveStream: ByteReceiveStream,
  ) {}

  /** @internal Attributes of the receive half win over those of the send half. */
  get extraAttributes(): AttributeTable {
    return attributeTable(this.sendStream.extraAttributes, this.receiveStream.extraAttributes);
  }

  extra<T>(attribute: TypedAttribute<T>): T;
  extra<T, D>(attribute: TypedAttribute<T>, defaultValue: D): T | D;
  extra(attribute: TypedAttribute<unknown>, ...defaultValue: unknown[]): unknown {
    return lookupAttribute(this.extraAttributes, attribute, defaultValue);
  }

  send(bytes: Uint8Array): Promise<void> {
    return this.sendStream.send(bytes);
  }

  /** Closes the send half (a send stream has no other way to say "no more"). */
  sendEof(): Promise<void> {
    const half = this.sendStream as Partial<ByteStream>;
    return typeof half.sendEof === 'function' ? half.sendEof.call(this.sendStream) : this.sendStream.aclose();
  }

  receive(maxBytes = DEFAULT_RECEIVE_SIZE): Promise<Uint8Array> {
    return this.receiveStream.receive(maxBytes);
  }

  [Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    return iterateReceived(() => this.receive());
  }

  /** Closes both halves (both are closed even if the first close fails). */
  async aclose(): Promise<void> {
    try {
      await this.sendStream.aclose();
    } finally {
      await this.receiveStream.aclose();
    }
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.aclose();
  }
}
