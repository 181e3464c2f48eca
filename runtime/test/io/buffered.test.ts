import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import {
  BufferedByteStream,
  CancelScope,
  connectTcp,
  createMemoryObjectStream,
  DelimiterNotFound,
  EndOfStream,
  IncompleteRead,
  moveOnAfter,
  StapledStream,
  TextStream,
  withTaskGroup,
  type ByteReceiveStream,
  type ByteStream,
  type MemoryObjectReceiveStream,
  type TypedAttribute,
} from '../../src/index.js';
import { checkNothingLeftOpen, decode, echo, encode, receiveAll, startServer } from './helpers.js';

checkNothingLeftOpen();

/** Runs `body` against a connection to a server that runs `serverSide`. */
async function withConnection(
  serverSide: (stream: ByteStream) => Promise<void>,
  body: (stream: ByteStream) => Promise<void>,
): Promise<void> {
  await withTaskGroup(async (tg) => {
    const port = await startServer(tg, serverSide);
    await using stream = await connectTcp('127.0.0.1', port);
    await body(stream);
    tg.cancel();
  });
}

/** A server that sends `chunks` one by one, then half-closes and drains. */
const sends = (...chunks: string[]) =>
  async (stream: ByteStream): Promise<void> => {
    for (const chunk of chunks) await stream.send(encode(chunk));
    await stream.sendEof();
    await receiveAll(stream);
  };

/**
 * A byte stream over memory that delivers the given chunks as they are (split further only to
 * fit `maxBytes`), then ends: the chunk boundaries a test sets are the ones received.
 */
class ChunkedByteStream implements ByteReceiveStream {
  private readonly items: MemoryObjectReceiveStream<Uint8Array>;
  private rest: Uint8Array = new Uint8Array(0);

  constructor(chunks: Uint8Array[]) {
    const [send, receive] = createMemoryObjectStream<Uint8Array>(Infinity);
    for (const chunk of chunks) send.sendNowait(chunk);
    send.close();
    this.items = receive;
  }

  get extraAttributes(): ByteReceiveStream['extraAttributes'] {
    return this.items.extraAttributes;
  }

  extra<T>(attribute: TypedAttribute<T>): T;
  extra<T, D>(attribute: TypedAttribute<T>, defaultValue: D): T | D;
  extra(attribute: TypedAttribute<unknown>, ...defaultValue: [unknown?]): unknown {
    return defaultValue.length === 0 ? this.items.extra(attribute) : this.items.extra(attribute, defaultValue[0]);
  }

  async receive(maxBytes = 65536): Promise<Uint8Array> {
    if (this.rest.length === 0) this.rest = await this.items.receive();
    const chunk = this.rest.subarray(0, maxBytes);
    this.rest = this.rest.subarray(chunk.length);
    return chunk;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    for (;;) {
      try {
        yield await this.receive();
      } catch (error) {
        if (error instanceof EndOfStream) return;
        throw error;
      }
    }
  }

  aclose(): Promise<void> {
    return this.items.aclose();
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.aclose();
  }
}

/** `bytes` cut into chunks of `size` (the last one may be shorter). */
function cut(bytes: Uint8Array, size: number): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (let offset = 0; offset < bytes.length; offset += size) chunks.push(bytes.subarray(offset, offset + size));
  return chunks;
}

/** The first index where `a` and `b` differ (their common length if one is a prefix), or -1. */
function firstDifference(a: Uint8Array, b: Uint8Array): number {
  const common = Math.min(a.length, b.length);
  for (let i = 0; i < common; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : common;
}

describe('BufferedByteStream', () => {
  it('receives lines split across chunks with receiveUntil', async () => {
    await withConnection(sends('first li', 'ne\nsecond', ' line\nrest'), async (stream) => {
      const buffered = new BufferedByteStream(stream);
      const newline = encode('\n');
      expect(decode(await buffered.receiveUntil(newline, 100))).toBe('first line');
      expect(decode(await buffered.receiveUntil(newline, 100))).toBe('second line');
      await expect(buffered.receiveUntil(newline, 100)).rejects.toBeInstanceOf(IncompleteRead);
      // The bytes that did arrive are still there.
      expect(decode(await buffered.receive())).toBe('rest');
      await expect(buffered.receive()).rejects.toBeInstanceOf(EndOfStream);
    });
  });

  it('raises DelimiterNotFound without buffering more than maxBytes plus the delimiter', async () => {
    const big = 'x'.repeat(10_000);
    await withConnection(sends(big, '\n'), async (stream) => {
      const buffered = new BufferedByteStream(stream);
      await expect(buffered.receiveUntil(encode('\n'), 100)).rejects.toBeInstanceOf(DelimiterNotFound);
      expect(buffered.buffered.length).toBeLessThanOrEqual(101);
    });
  });

  it('finds a delimiter that ends exactly at maxBytes', async () => {
    await withConnection(sends('abcd\r\n'), async (stream) => {
      const buffered = new BufferedByteStream(stream);
      expect(decode(await buffered.receiveUntil(encode('\r\n'), 4))).toBe('abcd');
    });
  });

  it('receiveExactly returns exactly n bytes, and IncompleteRead at a premature end', async () => {
    await withConnection(sends('12', '345', '6789'), async (stream) => {
      const buffered = new BufferedByteStream(stream);
      expect(decode(await buffered.receiveExactly(4))).toBe('1234');
      expect(decode(await buffered.receiveExactly(3))).toBe('567');
      await expect(buffered.receiveExactly(5)).rejects.toBeInstanceOf(IncompleteRead);
      expect(decode(await buffered.receiveExactly(2))).toBe('89');
    });
  });

  it('a cancelled receiveExactly keeps what it had read for the next call', async () => {
    await withConnection(
      async (stream) => {
        await stream.send(encode('abc'));
        await stream.receive(); // "more"
        await stream.send(encode('def'));
        await receiveAll(stream);
      },
      async (stream) => {
        const buffered = new BufferedByteStream(stream);
        expect(await moveOnAfter(50, () => buffered.receiveExactly(6))).toBeUndefined();
        await buffered.send(encode('more'));
        expect(decode(await buffered.receiveExactly(6))).toBe('abcdef');
        await buffered.sendEof();
      },
    );
  });

  it('a cancelled receiveUntil keeps what it had read for the next call', async () => {
    await withConnection(
      async (stream) => {
        await stream.send(encode('abc'));
        await stream.receive(); // "more"
        await stream.send(encode('def\nrest'));
        await receiveAll(stream);
      },
      async (stream) => {
        const buffered = new BufferedByteStream(stream);
        const newline = encode('\n');
        expect(await moveOnAfter(50, () => buffered.receiveUntil(newline, 100))).toBeUndefined();
        await buffered.send(encode('more'));
        expect(decode(await buffered.receiveUntil(newline, 100))).toBe('abcdef');
        await buffered.sendEof();
        expect(decode(await buffered.receive())).toBe('rest');
      },
    );
  });

  it('receives 8 MiB that came in 64 KiB chunks with receiveExactly and receiveUntil, byte for byte', async () => {
    const chunkSize = 64 * 1024;
    const exactly = 8 * 1024 * 1024 + 100; // ends inside a chunk: the rest stays buffered
    const line = 8 * 1024 * 1024 - 101; // its '\r' ends a chunk, and its '\n' starts the next
    const all = new Uint8Array(exactly + line + 2 + 3);
    let seed = 12345;
    for (let i = 0; i < all.length; i++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      all[i] = seed >>> 24;
    }
    // No '\n' before the delimiter, and a '\r' at the end of every chunk: a near miss at each seam.
    for (let i = 0; i < exactly + line; i++) if (all[i] === 10) all[i] = 11;
    for (let end = chunkSize; end < exactly + line; end += chunkSize) all[end - 1] = 13;
    all.set(encode('\r\nend'), exactly + line);
    expect((exactly + line + 1) % chunkSize).toBe(0);

    await using buffered = new BufferedByteStream(new ChunkedByteStream(cut(all, chunkSize)));
    const first = await buffered.receiveExactly(exactly);
    expect(firstDifference(first, all.subarray(0, exactly))).toBe(-1);
    // A line of exactly maxBytes is found.
    const second = await buffered.receiveUntil(encode('\r\n'), line);
    expect(firstDifference(second, all.subarray(exactly, exactly + line))).toBe(-1);
    expect(decode(await buffered.receiveExactly(3))).toBe('end');
    await expect(buffered.receive()).rejects.toBeInstanceOf(EndOfStream);
  });

  it('finds a delimiter however the bytes were cut, only within maxBytes', async () => {
    const message = encode('xEENDENEND!tail');
    const delimiter = encode('END!');
    for (let size = 1; size <= message.length; size++) {
      // Part of it fed ahead, as a chunk of its own, and the rest received in chunks of `size`.
      for (const fed of [0, 1, 5, 8]) {
        const buffered = new BufferedByteStream(new ChunkedByteStream(cut(message.subarray(fed), size)));
        if (fed > 0) buffered.feedData(message.subarray(0, fed));
        const cutAs = `chunks of ${size} after ${fed} fed`;
        expect(decode(await buffered.receiveUntil(delimiter, 7)), cutAs).toBe('xEENDEN');
        expect(decode(await buffered.receiveExactly(4)), cutAs).toBe('tail');
        await buffered.aclose();

        const short = new BufferedByteStream(new ChunkedByteStream(cut(message.subarray(fed), size)));
        if (fed > 0) short.feedData(message.subarray(0, fed));
        await expect(short.receiveUntil(delimiter, 6), cutAs).rejects.toBeInstanceOf(DelimiterNotFound);
        // It read up to maxBytes plus the delimiter's length, no further, and lost nothing.
        expect(short.buffered.length, cutAs).toBe(6 + 4);
        expect(decode(await short.receiveExactly(message.length)), cutAs).toBe(decode(message));
        await short.aclose();
      }
    }
  });

  it('receiveUntil and receiveExactly agree with a plain model, however the bytes are cut', async () => {
    // Bytes from a three-letter alphabet, so partial delimiters and near misses abound.
    const byte = fc.integer({ min: 0, max: 2 });
    const operation = fc.oneof(
      fc.record({ until: fc.uint8Array({ min: 0, max: 2, minLength: 1, maxLength: 3 }), maxBytes: fc.integer({ min: 1, max: 12 }) }),
      fc.record({ exactly: fc.nat(10) }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(byte, { maxLength: 60 }),
        fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 8 }),
        fc.array(operation, { maxLength: 10 }),
        async (values, sizes, operations) => {
          const data = Uint8Array.from(values);
          const chunks: Uint8Array[] = [];
          for (let offset = 0, i = 0; offset < data.length; i++) {
            const size = sizes[i % sizes.length]!;
            chunks.push(data.subarray(offset, offset + size));
            offset += size;
          }
          await using buffered = new BufferedByteStream(new ChunkedByteStream(chunks));
          let position = 0; // of the model: bytes before it have been returned
          let largestAsked = 0; // no call reads ahead further than it may need
          for (const op of operations) {
            largestAsked = Math.max(largestAsked, 'exactly' in op ? op.exactly : op.maxBytes + op.until.length);
            if ('exactly' in op) {
              if (data.length - position >= op.exactly) {
                const got = await buffered.receiveExactly(op.exactly);
                expect(firstDifference(got, data.subarray(position, position + op.exactly))).toBe(-1);
                position += op.exactly;
              } else {
                await expect(buffered.receiveExactly(op.exactly)).rejects.toBeInstanceOf(IncompleteRead);
              }
              continue;
            }
            const { until: delimiter, maxBytes } = op;
            let found = -1;
            for (let at = position; at <= position + maxBytes && at + delimiter.length <= data.length; at++) {
              if (firstDifference(data.subarray(at, at + delimiter.length), delimiter) === -1) {
                found = at;
                break;
              }
            }
            if (found !== -1) {
              const got = await buffered.receiveUntil(delimiter, maxBytes);
              expect(firstDifference(got, data.subarray(position, found))).toBe(-1);
              position = found + delimiter.length;
            } else if (data.length - position >= maxBytes + delimiter.length) {
              await expect(buffered.receiveUntil(delimiter, maxBytes)).rejects.toBeInstanceOf(DelimiterNotFound);
              expect(buffered.buffered.length).toBeGreaterThanOrEqual(maxBytes + delimiter.length);
              expect(buffered.buffered.length).toBeLessThanOrEqual(largestAsked);
            } else {
              await expect(buffered.receiveUntil(delimiter, maxBytes)).rejects.toBeInstanceOf(IncompleteRead);
            }
          }
          // Nothing lost, nothing repeated: the rest is exactly what the model has left.
          const rest = await buffered.receiveExactly(data.length - position);
          expect(firstDifference(rest, data.subarray(position))).toBe(-1);
          await expect(buffered.receive()).rejects.toBeInstanceOf(EndOfStream);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('feedData puts bytes in front of the stream, and send passes through', async () => {
    await withConnection(echo, async (stream) => {
      const buffered = new BufferedByteStream(stream);
      buffered.feedData(encode('fed:'));
      await buffered.send(encode('echoed'));
      await buffered.sendEof();
      expect(decode(await buffered.receiveExactly(10))).toBe('fed:echoed');
      const scope = new CancelScope();
      buffered.feedData(encode('!'));
      await scope.run(async () => {
        scope.cancel();
        await buffered.receive();
      });
      expect(decode(await buffered.receive())).toBe('!');
    });
  });
});

describe('TextStream and StapledStream', () => {
  it('decodes characters split across chunks', async () => {
    const bytes = encode('héllo wörld');
    await withConnection(
      async (stream) => {
        for (const byte of bytes) await stream.send(new Uint8Array([byte]));
        await stream.sendEof();
        await receiveAll(stream);
      },
      async (stream) => {
        const text = new TextStream(stream);
        let all = '';
        for await (const piece of text) {
          expect(piece).not.toContain('\uFFFD');
          all += piece;
        }
        expect(all).toBe('héllo wörld');
        await text.send('bye');
      },
    );
  });

  it('staples two halves into one stream', async () => {
    await withConnection(echo, async (stream) => {
      const stapled = new StapledStream(stream, stream);
      await stapled.send(encode('ping'));
      await stapled.sendEof();
      expect(decode(await receiveAll(stapled))).toBe('ping');
    });
  });
});
