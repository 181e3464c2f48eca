import { describe, expect, it } from 'vitest';

import {
  BufferedByteStream,
  CancelScope,
  connectTcp,
  DelimiterNotFound,
  EndOfStream,
  IncompleteRead,
  moveOnAfter,
  StapledStream,
  TextStream,
  withTaskGroup,
  type ByteStream,
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
