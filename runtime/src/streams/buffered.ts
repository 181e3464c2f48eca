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
  // Invariant: `chunks[head]` onwards hold the bytes received from the wrapped stream (or fed)
  // and not returned yet, in order, none of them empty; `length` is their total. Every method
  // returns bytes from the front first. The chunks are kept as they came and joined once, when
  // they are returned: copying the whole buffer on every arrival made a long read quadratic.
  private chunks: Uint8Array[] = [];
  // Invariant: the entries before `head` are spent; at most half of `chunks` is spent, so
  // dropping them from time to time costs O(1) a chunk.
  private head = 0;
  private length = 0;

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
    if (this.length === 0) return new Uint8Array(0);
    if (this.chunks.length - this.head > 1) {
      // Joined once and kept joined, so reading this again copies nothing.
      this.chunks = [this.join(this.length)];
      this.head = 0;
    }
    return this.chunks[this.head]!;
  }

  /** Puts `bytes` in front of everything else to be received (after what is already buffered). */
  feedData(bytes: Uint8Array): void {
    checkBytes(bytes, 'feedData(bytes)');
    this.append(bytes);
  }

  /** Receives up to `maxBytes`: buffered bytes first, otherwise from the wrapped stream. */
  async receive(maxBytes = DEFAULT_RECEIVE_SIZE): Promise<Uint8Array> {
    checkMaxBytes(maxBytes);
    if (this.length > 0) {
      await checkpoint();
      return this.takeFront(Math.min(maxBytes, this.length));
    }
    return this.receiveStream.receive(maxBytes);
  }

  /**
   * Receives exactly `n` bytes. Raises `IncompleteRead` when the stream ends first (the bytes
   * that did arrive stay buffered).
   */
  async receiveExactly(n: number): Promise<Uint8Array> {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`receiveExactly(n): n must be a non-negative integer, got ${String(n)}`);
    while (this.length < n) {
      await this.fill(n - this.length, () => new IncompleteRead(`the stream ended after ${this.length} of ${n} bytes`));
    }
    await checkpoint();
    return this.takeFront(n);
  }

  /**
   * Receives up to (not including) `delimiter`, which is consumed too; the bytes returned are at
   * most `maxBytes`. It never buffers more than `maxBytes + delimiter.length` bytes: once that
   * many are buffered and no delimiter starts within the first `maxBytes + 1` of them, it raises
   * `DelimiterNotFound` (the bytes stay buffered). `IncompleteRead` when the stream ends first.
   */
  async receiveUntil(delimiter: Uint8Array, maxBytes: number): Promise<Uint8Array> {
    checkBytes(delimiter, 'receiveUntil(delimiter, maxBytes)');
    if (delimiter.length === 0) throw new RangeError('receiveUntil: the delimiter must not be empty');
    checkMaxBytes(maxBytes);
    // Never more than this is buffered: a line of exactly `maxBytes` and its delimiter.
    const limit = maxBytes + delimiter.length;
    // Where a delimiter not found yet could still start: bytes before it have been searched.
    let from = 0;
    for (;;) {
      const found = this.find(delimiter, from, maxBytes);
      if (found !== -1) {
        await checkpoint();
        const line = this.takeFront(found);
        this.dropFront(delimiter.length);
        return line;
      }
      if (this.length >= limit) {
        throw new DelimiterNotFound(`the delimiter was not found in the first ${maxBytes} bytes`);
      }
      // A delimiter still to be found ends in the bytes to come, so it starts at most
      // `delimiter.length - 1` bytes before them: only those and the new bytes are searched.
      from = Math.max(0, this.length - delimiter.length + 1);
      await this.fill(limit - this.length, () => new IncompleteRead(`the stream ended before the delimiter (${this.length} bytes received)`));
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
    this.chunks = [];
    this.head = 0;
    this.length = 0;
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
    this.append(chunk);
  }

  private append(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    this.chunks.push(bytes);
    this.length += bytes.length;
  }

  // The first `n` bytes (at most `length`): a view when they lie in one chunk, else a copy.
  private takeFront(n: number): Uint8Array {
    const first = this.chunks[this.head];
    const front = first !== undefined && first.length >= n ? first.subarray(0, n) : this.join(n);
    this.dropFront(n);
    return front;
  }

  // A copy of the first `n` bytes (at most `length`), in one array.
  private join(n: number): Uint8Array {
    const joined = new Uint8Array(n);
    for (let index = this.head, offset = 0; offset < n; index++) {
      const chunk = this.chunks[index]!;
      const part = chunk.length <= n - offset ? chunk : chunk.subarray(0, n - offset);
      joined.set(part, offset);
      offset += part.length;
    }
    return joined;
  }

  private dropFront(n: number): void {
    this.length -= n;
    while (n > 0) {
      const chunk = this.chunks[this.head]!;
      if (chunk.length > n) {
        this.chunks[this.head] = chunk.subarray(n);
        break;
      }
      n -= chunk.length;
      this.head++;
    }
    if (this.head * 2 >= this.chunks.length) {
      this.chunks.splice(0, this.head);
      this.head = 0;
    }
  }

  // Where `needle` first starts in the buffered bytes at a position from `from` to `lastStart`,
  // or -1. Reads only the chunks from the one holding `from` on, so a search after each arrival
  // costs what arrived, not what is buffered.
  private find(needle: Uint8Array, from: number, lastStart: number): number {
    const last = Math.min(lastStart, this.length - needle.length);
    if (from > last) return -1;
    // Find the chunk holding `from`: from the front for a first search, else back from the end
    // (`from` is then within `needle.length` bytes of the chunk that just arrived).
    let index = from === 0 ? this.head : this.chunks.length - 1;
    let chunkStart = from === 0 ? 0 : this.length - this.chunks[index]!.length;
    while (chunkStart > from) chunkStart -= this.chunks[--index]!.length;
    const first = needle[0]!;
    for (; chunkStart <= last; chunkStart += this.chunks[index++]!.length) {
      const chunk = this.chunks[index]!;
      for (let at = chunk.indexOf(first, Math.max(0, from - chunkStart)); at !== -1; at = chunk.indexOf(first, at + 1)) {
        if (chunkStart + at > last) return -1;
        if (this.matchesAfterFirst(needle, index, at)) return chunkStart + at;
      }
    }
    return -1;
  }

  // Whether the bytes after position `at` of chunk `index` go on as `needle` does after its first
  // byte (the caller knows that `needle.length` bytes are buffered from there).
  private matchesAfterFirst(needle: Uint8Array, index: number, at: number): boolean {
    let chunk = this.chunks[index]!;
    for (let j = 1; j < needle.length; j++) {
      // Chunks are never empty, so the next one holds the next byte.
      if (++at === chunk.length) {
        chunk = this.chunks[++index]!;
        at = 0;
      }
      if (chunk[at] !== needle[j]) return false;
    }
    return true;
  }

  private duplex(method: string): ByteStream {
    const stream = this.receiveStream as Partial<ByteStream>;
    if (typeof stream.send !== 'function' || typeof stream.sendEof !== 'function') {
      throw new TypeError(`BufferedByteStream.${method}: the wrapped stream is receive-only`);
    }
    return this.receiveStream as ByteStream;
  }
}
