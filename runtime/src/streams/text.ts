/** `TextStream`: strings over a byte stream, encoded as UTF-8 (or another encoding to read). */

import { TextDecoder, TextEncoder } from 'node:util';

import { type AttributeTable, lookupAttribute, type TypedAttribute } from '../abc/attributes.js';
import type { ByteReceiveStream, ByteStream, ObjectStream } from '../abc/streams.js';
import { EndOfStream } from '../core/errors.js';
import { iterateReceived } from './iterate.js';

/**
 * Options of {@link TextStream}.
 *
 * @example
 * ```ts
 * const text = new TextStream(child.stdout!, { encoding: 'latin1', fatal: true });
 * ```
 */
export interface TextStreamOptions {
  /** The encoding of received bytes (any `TextDecoder` label). Sending is always UTF-8. */
  encoding?: string;
  /** Raise a `TypeError` on malformed input instead of inserting U+FFFD. */
  fatal?: boolean;
}

/**
 * Sends and receives strings over a byte stream. A character split across two chunks is decoded
 * whole: the decoder keeps the partial bytes until the rest arrives.
 *
 * @example
 * ```ts
 * const text = new TextStream(await connectTcp('localhost', port));
 * await text.send('héllo\n');
 * console.log(await text.receive());
 * ```
 */
export class TextStream implements ObjectStream<string> {
  private readonly decoder: TextDecoder;
  private readonly encoder = new TextEncoder();
  private ended = false;

  constructor(
    /** The wrapped byte stream. */
    readonly byteStream: ByteReceiveStream | ByteStream,
    options: TextStreamOptions = {},
  ) {
    this.decoder = new TextDecoder(options.encoding ?? 'utf-8', { fatal: options.fatal ?? false });
  }

  /** @internal */
  get extraAttributes(): AttributeTable {
    return this.byteStream.extraAttributes;
  }

  extra<T>(attribute: TypedAttribute<T>): T;
  extra<T, D>(attribute: TypedAttribute<T>, defaultValue: D): T | D;
  extra(attribute: TypedAttribute<unknown>, ...defaultValue: unknown[]): unknown {
    return lookupAttribute(this.byteStream.extraAttributes, attribute, defaultValue);
  }

  /**
   * Receives the text decoded from the next chunk of bytes (never an empty string; a chunk that
   * ends inside a character waits for the rest). Raises `EndOfStream` at the end.
   */
  async receive(): Promise<string> {
    for (;;) {
      if (this.ended) throw new EndOfStream('the text stream has ended');
      let chunk: Uint8Array;
      try {
        chunk = await this.byteStream.receive();
      } catch (error) {
        if (!(error instanceof EndOfStream)) throw error;
        this.ended = true;
        const rest = this.decoder.decode();
        if (rest !== '') return rest;
        throw error;
      }
      const text = this.decoder.decode(chunk, { stream: true });
      if (text !== '') return text;
    }
  }

  /** Sends `text` encoded as UTF-8. */
  async send(text: string): Promise<void> {
    if (typeof text !== 'string') throw new TypeError(`TextStream.send: expected a string, got ${typeof text}`);
    await this.duplex('send').send(this.encoder.encode(text));
  }

  /** Half-closes the wrapped stream. */
  async sendEof(): Promise<void> {
    await this.duplex('sendEof').sendEof();
  }

  [Symbol.asyncIterator](): AsyncIterator<string> {
    return iterateReceived(() => this.receive());
  }

  aclose(): Promise<void> {
    return this.byteStream.aclose();
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.aclose();
  }

  private duplex(method: string): ByteStream {
    const stream = this.byteStream as Partial<ByteStream>;
    if (typeof stream.send !== 'function' || typeof stream.sendEof !== 'function') {
      throw new TypeError(`TextStream.${method}: the wrapped stream is receive-only`);
    }
    return this.byteStream as ByteStream;
  }
}
