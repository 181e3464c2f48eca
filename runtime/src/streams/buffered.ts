/**
 * `BufferedByteStream`: reads by size and by delimiter over any byte stream, keeping what it read
 * ahead for the next call.
 */

import {
  attributeTable,
  type AttributeTable,
  lookupAttribute,
  type TypedAttribute,
} from '../abc/attributes.js';
import type { ByteReceiveStream, ByteStream } from '../abc/streams.js';
import { checkpoint } from '../core/checkpoint.js';
import { DelimiterNotFound, EndOfStream, IncompleteRead } from '../core/errors.js';
import { iterateReceived } from './iterate.js';
import { checkMaxBytes, DEFAULT_RECEIVE_SIZE } from './readable-receiver.js';
import { checkBytes } from './writable-sender.js';

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a, 0);
  joined.set(b, a.length);
  return joined;
}

function indexOf(haystack: Uint8Array, needle: Uint8Array, from: number): number {
  const first = needle[0]!;
  const last = haystack.length - needle.length;
  outer: for (let i = Math.max(0, from); i <= last; i++) {
    if (haystack[i] !== first) continue;
    for (let j = 1; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/**
 * Wraps a byte stream to receive exactly `n` bytes, or up to a delimiter. A cancelled call
 * consumes nothing: bytes read ahead stay in the buffer for the next call.
 *
 * @example
 * ```ts
 * const buffered = new BufferedByteStream(await connectTcp('localhost', port));
 * await buffered.send(new TextEncoder().encode('Hello!\n'));
 * const line = await buffered.receiveUntil(new TextEncoder().encode('\n'), 1024);
 * ```
 */
export class BufferedByteStream implements ByteStream {
  // Invariant: `buffer` holds bytes received from the wrapped stream and not yet returned, in
  // order; every method returns bytes from its front first.
  private buffer: Uint8Array = new Uint8Array(0);

  constructor(
    /** The wrapped stream. */
    readonly receiveStream: ByteReceiveStream | ByteStream,
  ) {}

  /** @internal */
  get extraAttributes(): AttributeTable {
    return attributeTable(this.receiveStream.extraAttributes);
  }

  extra<T>(attribute: TypedAttribute<T>): T;
  extra<T, D>(attribute: TypedAttribute<T>, defaultValue: D): T | D;
  extra(attribute: TypedAttribute<unknown>, ...defaultValue: unknown[]): unknown {
    return lookupAttribute(this.receiveStream.extraAttributes, attribute, defaultValue);
  }

  /** The bytes read ahead and not returned yet. */
  get buffered(): Uint8Array {
    return this.buffer;
  }

  /** Puts `bytes` in front of everything else to be received (after what is already buffered). */
  feedData(bytes: Uint8Array): void {
    checkBytes(bytes, 'feedData(bytes)');
    this.buffer = concat(this.buffer, bytes);
  }

  /** Receives up to `maxBytes`: buffered bytes first, otherwise from the wrapped stream. */
  async receive(maxBytes = DEFAULT_RECEIVE_SIZE): Promise<Uint8Array> {
    checkMaxBytes(maxBytes);
    if (this.buffer.length > 0) {
      await checkpoint();
      return this.takeFront(Math.min(maxBytes, this.buffer.length));
    }
    return this.receiveStream.receive(maxBytes);
  }

  /**
   * Receives exactly `n` bytes. Raises `IncompleteRead` when the stream ends first (the bytes
   * that did arrive stay buffered).
   */
  async receiveExactly(n: number): Promise<Uint8Array> {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`receiveExactly(n): n must be a non-negative integer, got ${String(n)}`);
    while (this.buffer.length < n) {
      await this.fill(n - this.buffer.length, () => new IncompleteRead(`the stream ended after ${this.buffer.length} of ${n} bytes`));
    }
    await checkpoint();
    return this.takeFront(n);
  }

  /**
   * Receives up to (not including) `delimiter`, which is consumed too. Raises
   * `DelimiterNotFound` when `maxBytes` bytes were read without finding it (never buffering more
   * than `maxBytes` plus the delimiter's length), `IncompleteRead` when the stream ends first.
   */
  async receiveUntil(delimiter: Uint8Array, maxBytes: number): Promise<Uint8Array> {
    checkBytes(delimiter, 'receiveUntil(delimiter, maxBytes)');
    if (delimiter.length === 0) throw new RangeError('receiveUntil: the delimiter must not be empty');
    checkMaxBytes(maxBytes);
    const limit = maxBytes + delimiter.length;
    let searched = 0;
    for (;;) {
      const found = indexOf(this.buffer, delimiter, searched);
      if (found !== -1 && found <= maxBytes) {
        await checkpoint();
        const result = this.takeFront(found);
        this.takeFront(delimiter.length);
        return result;
      }
      if (this.buffer.length >= limit || found > maxBytes) {
        throw new DelimiterNotFound(`the delimiter was not found in the first ${maxBytes} bytes`);
      }
      searched = Math.max(0, this.buffer.length - delimiter.length + 1);
      await this.fill(limit - this.buffer.length, () => new IncompleteRead(`the stream ended before the delimiter (${this.buffer.length} bytes received)`));
    }
  }

  /** Sends through the wrapped stream. */
  async send(bytes: Uint8Array): Promise<void> {
    await this.duplex('send').send(bytes);
  }

  /** Half-closes the wrapped stream. */
  async sendEof(): Promise<void> {
    await this.duplex('sendEof').sendEof();
  }

  [Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    return iterateReceived(() => this.receive());
  }

  /** Closes the wrapped stream. */
  aclose(): Promise<void> {
    this.buffer = new Uint8Array(0);
    return this.receiveStream.aclose();
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.aclose();
  }

  // One receive from the wrapped stream, of at most `room` bytes; EndOfStream becomes `atEnd()`.
  private async fill(room: number, atEnd: () => Error): Promise<void> {
    let chunk: Uint8Array;
    try {
      chunk = await this.receiveStream.receive(Math.max(1, room));
    } catch (error) {
      if (error instanceof EndOfStream) throw atEnd();
      throw error;
    }
    this.buffer = concat(this.buffer, chunk);
  }

  private takeFront(n: number): Uint8Array {
    const front = this.buffer.subarray(0, n);
    this.buffer = this.buffer.subarray(n);
    return front;
  }

  private duplex(method: string): ByteStream {
    const stream = this.receiveStream as Partial<ByteStream>;
    if (typeof stream.send !== 'function' || typeof stream.sendEof !== 'function') {
      throw new TypeError(`BufferedByteStream.${method}: the wrapped stream is receive-only`);
    }
    return this.receiveStream as ByteStream;
  }
}
