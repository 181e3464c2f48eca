/**
 * Byte streams over one-way native pipes (a child process's stdin, stdout and stderr): the
 * receive half and the send half as resources of their own.
 */

import type { Readable, Writable } from 'node:stream';

import { attributeTable, type AttributeTable, lookupAttribute, type TypedAttribute } from '../abc/attributes.js';
import type { ByteReceiveStream, ByteSendStream } from '../abc/streams.js';
import { iterateReceived } from './iterate.js';
import { DEFAULT_RECEIVE_SIZE, ReadableReceiver } from './readable-receiver.js';
import { WritableSender } from './writable-sender.js';

const NO_ATTRIBUTES: AttributeTable = attributeTable();

/**
 * The reading end of a pipe, as a {@link ByteReceiveStream} (a child's stdout or stderr).
 *
 * @example
 * ```ts
 * for await (const chunk of child.stdout!) process.stdout.write(chunk);
 * ```
 */
export class PipeReceiveStream implements ByteReceiveStream {
  /** @internal */
  readonly extraAttributes = NO_ATTRIBUTES;
  private readonly receiver: ReadableReceiver;

  /** @internal */
  constructor(
    private readonly readable: Readable,
    private readonly what: string,
  ) {
    this.receiver = new ReadableReceiver(readable, () => what);
  }

  extra<T>(attribute: TypedAttribute<T>): T;
  extra<T, D>(attribute: TypedAttribute<T>, defaultValue: D): T | D;
  extra(attribute: TypedAttribute<unknown>, ...defaultValue: unknown[]): unknown {
    return lookupAttribute(this.extraAttributes, attribute, defaultValue);
  }

  receive(maxBytes = DEFAULT_RECEIVE_SIZE): Promise<Uint8Array> {
    return this.receiver.receive(maxBytes);
  }

  [Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    return iterateReceived(() => this.receive());
  }

  /** Stops reading and closes the pipe. */
  aclose(): Promise<void> {
    this.receiver.close();
    this.readable.destroy();
    return Promise.resolve();
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.aclose();
  }

  toString(): string {
    return this.what;
  }
}

/**
 * The writing end of a pipe, as a {@link ByteSendStream} (a child's stdin). Closing it is the
 * end of input for the reader.
 *
 * @example
 * ```ts
 * await child.stdin!.send(new TextEncoder().encode('input'));
 * await child.stdin!.aclose(); // end of input
 * ```
 */
export class PipeSendStream implements ByteSendStream {
  /** @internal */
  readonly extraAttributes = NO_ATTRIBUTES;
  private readonly sender: WritableSender;
  private closing: Promise<void> | undefined;

  /** @internal */
  constructor(
    private readonly writable: Writable,
    what: string,
  ) {
    this.sender = new WritableSender(writable, () => what);
  }

  extra<T>(attribute: TypedAttribute<T>): T;
  extra<T, D>(attribute: TypedAttribute<T>, defaultValue: D): T | D;
  extra(attribute: TypedAttribute<unknown>, ...defaultValue: unknown[]): unknown {
    return lookupAttribute(this.extraAttributes, attribute, defaultValue);
  }

  send(bytes: Uint8Array): Promise<void> {
    return this.sender.send(bytes);
  }

  /**
   * Closes the pipe: what was sent is flushed, then the reader sees the end of input. Does not
   * wait for a reader that never reads (the pipe is then destroyed).
   */
  aclose(): Promise<void> {
    if (this.closing === undefined) {
      this.sender.close();
      // Writes that `send` resolved for are with the operating system already.
      this.writable.destroy();
      this.closing = Promise.resolve();
    }
    return this.closing;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.aclose();
  }
}
