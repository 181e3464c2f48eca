import { spawnSync } from 'node:child_process';
import { lookup } from 'node:dns/promises';
import { Socket } from 'node:net';

import { describe, expect, it } from 'vitest';

import {
  BrokenResourceError,
  BusyResourceError,
  CancelScope,
  ClosedResourceError,
  connectTcp,
  createTcpListener,
  BufferedByteStream,
  EndOfStream,
  ExceptionGroup,
  failAfter,
  isCancelled,
  moveOnAfter,
  openProcess,
  SocketAttribute,
  TypedAttribute,
  TypedAttributeLookupError,
  waitAllTasksBlocked,
  withTaskGroup,
  type TaskGroup,
  type TaskStatus,
} from '../../src/index.js';
import { happyEyeballs } from '../../src/net/connect-tcp.js';
import { interleaveFamilies } from '../../src/net/resolve.js';
import { checkNothingLeftOpen, decode, echo, encode, receiveAll, startServer } from './helpers.js';

checkNothingLeftOpen();

/** An echo server on 127.0.0.1 at a given port. */
function startServerOn(tg: TaskGroup, port: number): Promise<void> {
  return tg.start(async (status: TaskStatus) => {
    await using listener = await createTcpListener({ localHost: '127.0.0.1', localPort: port });
    status.started();
    await listener.serve(echo);
  });
}

describe('TCP byte streams', () => {
  it('echoes bytes over loopback and answers socket attributes', async () => {
    await withTaskGroup(async (tg) => {
      const port = await startServer(tg, echo);
      await using stream = await connectTcp('127.0.0.1', port);
      await stream.send(encode('Hello from Corral!\n'));
      await stream.sendEof();
      expect(decode(await receiveAll(stream))).toBe('Hello from Corral!\n');
      expect(stream.extra(SocketAttribute.remotePort)).toBe(port);
      expect(stream.extra(SocketAttribute.remoteAddress)).toBe('127.0.0.1');
      expect(stream.extra(SocketAttribute.family)).toBe('IPv4');
      expect(stream.extra(SocketAttribute.localPort)).toBeGreaterThan(0);
      expect(stream.extra(SocketAttribute.rawSocket)).toBeInstanceOf(Socket);
      const missing = new TypedAttribute<string>('missing');
      expect(stream.extra(missing, 'fallback')).toBe('fallback');
      expect(() => stream.extra(missing)).toThrow(TypedAttributeLookupError);
      tg.cancel();
    });
  });

  it('half-closes with sendEof and keeps receiving', async () => {
    await withTaskGroup(async (tg) => {
      const port = await startServer(tg, async (stream) => {
        const request = await receiveAll(stream); // until the client's sendEof
        await stream.send(encode(`got ${request.length} bytes`));
      });
      await using stream = await connectTcp('127.0.0.1', port);
      await stream.send(new Uint8Array(1000));
      await stream.sendEof();
      await expect(stream.send(encode('x'))).rejects.toBeInstanceOf(ClosedResourceError);
      expect(decode(await receiveAll(stream))).toBe('got 1000 bytes');
      await expect(stream.receive()).rejects.toBeInstanceOf(EndOfStream);
      tg.cancel();
    });
  });

  it('a send or sendEof cancelled before it starts changes nothing, and a retried sendEof reaches the peer', async () => {
    await withTaskGroup(async (tg) => {
      let receivedByPeer: string | undefined;
      const port = await startServer(tg, async (stream) => {
        receivedByPeer = decode(await receiveAll(stream)); // ends only at the client's end of stream
        await stream.send(encode('bye'));
      });
      await using stream = await connectTcp('127.0.0.1', port);
      const scope = new CancelScope();
      await scope.run(async () => {
        scope.cancel();
        await expect(stream.send(encode('never sent'))).rejects.toSatisfy(isCancelled);
        await stream.sendEof();
      });
      expect(scope.cancelledCaught).toBe(true);
      // Still open for sending: neither call did anything.
      await stream.send(encode('sent'));
      await stream.sendEof();
      await expect(stream.send(encode('x'))).rejects.toBeInstanceOf(ClosedResourceError);
      expect(decode(await receiveAll(stream))).toBe('bye');
      expect(receivedByPeer).toBe('sent');
      tg.cancel();
    });
  });

  it('a sendEof cancelled while its end of stream waits behind unsent bytes has still sent it', async () => {
    await withTaskGroup(async (tg) => {
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      let receivedByPeer = -1;
      const port = await startServer(tg, async (stream) => {
        await released;
        receivedByPeer = (await receiveAll(stream)).length;
        await stream.send(encode('bye'));
      });
      await using stream = await connectTcp('127.0.0.1', port);
      const chunk = new Uint8Array(65536);
      let sent = 0;
      // The peer does not read: fill the buffers until a send waits, then let the deadline stop it.
      await moveOnAfter(200, async () => {
        for (;;) {
          await stream.send(chunk);
          sent += chunk.length;
        }
      });
      // The end of stream queues behind the bytes still waiting, and the deadline cancels the wait.
      await moveOnAfter(50, () => stream.sendEof());
      // It was sent all the same: a retry has nothing to do, and sending is over.
      await stream.sendEof();
      await expect(stream.send(encode('x'))).rejects.toBeInstanceOf(ClosedResourceError);
      release();
      expect(decode(await receiveAll(stream))).toBe('bye');
      // The peer saw every byte (the cancelled send had handed its chunk over too), then the end.
      expect([sent, sent + chunk.length]).toContain(receivedByPeer);
      tg.cancel();
    });
  });

  it('a cancelled receive consumes nothing', async () => {
    await withTaskGroup(async (tg) => {
      const port = await startServer(tg, async (stream) => {
        await stream.receive(); // "go"
        await stream.send(encode('payload'));
        await receiveAll(stream);
      });
      await using stream = await connectTcp('127.0.0.1', port);
      // Nothing has arrived: the receive waits, and the deadline cancels it.
      expect(await moveOnAfter(20, () => stream.receive())).toBeUndefined();
      await stream.send(encode('go'));
      // Let the payload arrive into the buffer, then receive in an already-cancelled scope.
      const first = await stream.receive(1);
      expect(decode(first)).toBe('p');
      const scope = new CancelScope();
      await scope.run(async () => {
        scope.cancel();
        await stream.receive();
      });
      expect(scope.cancelledCaught).toBe(true);
      expect(decode(await stream.receive())).toBe('ayload');
      await stream.sendEof();
      tg.cancel();
    });
  });

  it('receive(maxBytes) returns at most maxBytes and rejects a bad maxBytes', async () => {
    await withTaskGroup(async (tg) => {
      const port = await startServer(tg, echo);
      await using stream = await connectTcp('127.0.0.1', port);
      await stream.send(encode('abcdef'));
      let got = '';
      while (got.length < 6) {
        const chunk = await stream.receive(2);
        expect(chunk.length).toBeLessThanOrEqual(2);
        got += decode(chunk);
      }
      expect(got).toBe('abcdef');
      await expect(stream.receive(0)).rejects.toBeInstanceOf(RangeError);
      await expect(stream.send('text' as unknown as Uint8Array)).rejects.toBeInstanceOf(TypeError);
      tg.cancel();
    });
  });

  it('send applies backpressure: a peer that does not read bounds what is sent', async () => {
    await withTaskGroup(async (tg) => {
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      let receivedByPeer = 0;
      const port = await startServer(tg, async (stream) => {
        await released;
        receivedByPeer = (await receiveAll(stream)).length;
      });
      await using stream = await connectTcp('127.0.0.1', port);
      const chunk = new Uint8Array(65536);
      let sent = 0;
      await moveOnAfter(300, async () => {
        for (;;) {
          await stream.send(chunk);
          sent += chunk.length;
        }
      });
      // The kernel buffers hold a few MiB at most; without backpressure this would be hundreds.
      expect(sent).toBeLessThan(64 * 1024 * 1024);
      release();
      await stream.sendEof();
      await expect(stream.receive()).rejects.toBeInstanceOf(EndOfStream);
      // The send cancelled midway had handed its chunk over: it arrives too.
      expect(receivedByPeer === sent || receivedByPeer === sent + chunk.length).toBe(true);
      tg.cancel();
    });
  });

  it('after a send cancelled while it waited, later sends wait for their own bytes and all arrive in order', async () => {
    await withTaskGroup(async (tg) => {
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      let receivedByPeer: Uint8Array | undefined;
      const port = await startServer(tg, async (stream) => {
        await released;
        receivedByPeer = await receiveAll(stream);
      });
      await using stream = await connectTcp('127.0.0.1', port);
      const size = 65536;
      // Each chunk is filled with its label (1 to 250, then again), so order and gaps show.
      let attempts = 0;
      const nextChunk = (): Uint8Array => new Uint8Array(size).fill((attempts++ % 250) + 1);
      await moveOnAfter(200, async () => {
        for (;;) await stream.send(nextChunk());
      });
      const cancelledLabel = ((attempts - 1) % 250) + 1;
      release();
      for (let i = 0; i < 20; i++) await stream.send(nextChunk());
      await stream.sendEof();
      await expect(stream.receive()).rejects.toBeInstanceOf(EndOfStream);
      const labels: number[] = [];
      for (let offset = 0; offset < receivedByPeer!.length; offset += size) labels.push(receivedByPeer![offset]!);
      expect(receivedByPeer!.length % size).toBe(0);
      // Every chunk exactly once and in order; the cancelled send's chunk may be missing.
      const expected = Array.from({ length: attempts }, (_, i) => (i % 250) + 1);
      const withoutCancelled = expected.filter((_, i) => i !== expected.length - 21);
      expect([expected, withoutCancelled]).toContainEqual(labels);
      expect(expected[expected.length - 21]).toBe(cancelledLabel);
      tg.cancel();
    });
  });

  it('a peer reset raises BrokenResourceError', async () => {
    await withTaskGroup(async (tg) => {
      const port = await startServer(tg, async (stream) => {
        await stream.receive();
        (stream.extra(SocketAttribute.rawSocket) as Socket).resetAndDestroy();
      });
      await using stream = await connectTcp('127.0.0.1', port);
      await stream.send(encode('hi'));
      const error: unknown = await (async () => {
        for (;;) {
          try {
            await stream.receive();
            await stream.send(encode('more'));
          } catch (e) {
            return e;
          }
        }
      })();
      expect(error).toBeInstanceOf(BrokenResourceError);
      tg.cancel();
    });
  });

  it('using a closed stream raises ClosedResourceError, and aclose is idempotent', async () => {
    await withTaskGroup(async (tg) => {
      const port = await startServer(tg, echo);
      const stream = await connectTcp('127.0.0.1', port);
      await stream.aclose();
      await stream.aclose();
      await expect(stream.receive()).rejects.toBeInstanceOf(ClosedResourceError);
      await expect(stream.send(encode('x'))).rejects.toBeInstanceOf(ClosedResourceError);
      tg.cancel();
    });
  });

  it('closing a stream wakes a task blocked in receive with ClosedResourceError', async () => {
    await withTaskGroup(async (tg) => {
      const port = await startServer(tg, async (stream) => void (await receiveAll(stream)));
      const stream = await connectTcp('127.0.0.1', port);
      const receiving = tg.startSoon(() => stream.receive());
      await waitAllTasksBlocked();
      await stream.aclose();
      await receiving.wait();
      expect(receiving.status).toBe('failed');
      await expect(receiving.result()).rejects.toSatisfy(
        (e: Error) => e.cause instanceof ClosedResourceError,
      );
      tg.cancel();
    }).catch((error: unknown) => {
      // The receiving task's ClosedResourceError also reaches the group.
      if (!(error instanceof ClosedResourceError)) throw error;
    });
  });

  it('two tasks receiving at once: the second gets BusyResourceError', async () => {
    await withTaskGroup(async (tg) => {
      const port = await startServer(tg, echo);
      await using stream = await connectTcp('127.0.0.1', port);
      tg.startSoon(async () => {
        await moveOnAfter(100, () => stream.receive());
      });
      await waitAllTasksBlocked();
      await expect(stream.receive()).rejects.toBeInstanceOf(BusyResourceError);
      tg.cancel();
    });
  });

  it('iterates over chunks until the end of the stream', async () => {
    await withTaskGroup(async (tg) => {
      const port = await startServer(tg, async (stream) => {
        for (let i = 0; i < 5; i++) await stream.send(encode(`${i}`));
        await stream.sendEof();
        await receiveAll(stream);
      });
      await using stream = await connectTcp('127.0.0.1', port);
      let text = '';
      for await (const chunk of stream) text += decode(chunk);
      expect(text).toBe('01234');
      tg.cancel();
    });
  });
});

describe('connectTcp', () => {
  it('throws the native error when the only address refuses', async () => {
    const listener = await createTcpListener({ localHost: '127.0.0.1' });
    const port = listener.extra(SocketAttribute.localPort);
    await listener.aclose();
    await expect(connectTcp('127.0.0.1', port)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('connects by name through Happy Eyeballs, whichever family listens', async () => {
    await withTaskGroup(async (tg) => {
      const port = await startServer(tg, echo, '127.0.0.1');
      // 'localhost' may resolve to ::1 first; that attempt is refused and 127.0.0.1 wins.
      await using stream = await connectTcp('localhost', port, { happyEyeballsDelay: 50 });
      await stream.send(encode('hi'));
      expect(decode(await stream.receive())).toBe('hi');
      tg.cancel();
    });
  });

  it('rejects bad arguments with clear errors', async () => {
    await expect(connectTcp('', 80)).rejects.toBeInstanceOf(TypeError);
    await expect(connectTcp('localhost', 70000)).rejects.toBeInstanceOf(RangeError);
  });

  it('is cancelled by its scope, leaving nothing open', async () => {
    await withTaskGroup(async (tg) => {
      const port = await startServer(tg, echo);
      const scope = new CancelScope();
      const result = await scope.run(async () => {
        const connecting = connectTcp('127.0.0.1', port); // parked on the attempt by now
        scope.cancel();
        return connecting;
      });
      expect(result).toBeUndefined();
      expect(scope.cancelledCaught).toBe(true);
      tg.cancel();
    });
  });

  it('binds the local port and address when asked', async () => {
    await withTaskGroup(async (tg) => {
      const port = await startServer(tg, echo);
      const probe = await createTcpListener({ localHost: '127.0.0.1' });
      const localPort = probe.extra(SocketAttribute.localPort);
      await probe.aclose();
      await using stream = await connectTcp('127.0.0.1', port, { localPort, localHost: '127.0.0.1' });
      expect(stream.extra(SocketAttribute.localPort)).toBe(localPort);
      expect(stream.extra(SocketAttribute.localAddress)).toBe('127.0.0.1');
      tg.cancel();
    });
  });
});

describe('Happy Eyeballs address order', () => {
  it('alternates families, starting with the family the resolver put first', () => {
    const v6 = (n: number) => ({ address: `::${n}`, family: 6 as const });
    const v4 = (n: number) => ({ address: `10.0.0.${n}`, family: 4 as const });
    expect(interleaveFamilies([v6(1), v6(2), v6(3), v4(1)])).toEqual([v6(1), v4(1), v6(2), v6(3)]);
    expect(interleaveFamilies([v4(1), v4(2), v6(1), v6(2)])).toEqual([v4(1), v6(1), v4(2), v6(2)]);
    expect(interleaveFamilies([])).toEqual([]);
  });
});

describe('Happy Eyeballs attempts', () => {
  it('starts the next attempt as soon as one fails, without waiting out the delay', async () => {
    await withTaskGroup(async (tg) => {
      const port = await startServer(tg, echo, '127.0.0.1');
      // Nothing listens on 127.0.0.2 (the server is bound to 127.0.0.1 only): refused at once.
      const addresses = [
        { address: '127.0.0.2', family: 4 as const },
        { address: '127.0.0.1', family: 4 as const },
      ];
      // With a one-hour delay, only "start on failure" can connect within the deadline.
      const socket = await failAfter(10_000, () => happyEyeballs(addresses, port, 3_600_000, undefined, undefined, 'test'));
      expect(socket.remoteAddress).toBe('127.0.0.1');
      socket.destroy();
      tg.cancel();
    });
  });

  // A listener that never accepts, with its backlog full: connecting to it hangs (Linux drops
  // the SYN). Python's socket module can listen without accepting; Node's cannot.
  const SILENT_LISTENER = [
    'import socket, sys',
    "s = socket.socket(); s.bind(('127.0.0.3', 0)); s.listen(0)",
    'fill = [socket.socket() for _ in range(3)]',
    'for c in fill:',
    '    c.setblocking(False)',
    '    try: c.connect(s.getsockname())',
    '    except BlockingIOError: pass',
    'print(s.getsockname()[1], flush=True)',
    'sys.stdin.read()',
  ].join('\n');
  const hasPython = spawnSync('python3', ['--version']).status === 0;

  it.skipIf(!hasPython || process.platform !== 'linux')(
    'staggers attempts: a silent address does not hold up the next one',
    async () => {
      await using silent = await openProcess(['python3', '-c', SILENT_LISTENER]);
      const line = await new BufferedByteStream(silent.stdout!).receiveUntil(encode('\n'), 16);
      const port = Number(decode(line));
      await withTaskGroup(async (tg) => {
        await startServerOn(tg, port);
        // Alone, the silent address hangs until cancelled, leaving nothing open.
        const alone = await moveOnAfter(300, () =>
          happyEyeballs([{ address: '127.0.0.3', family: 4 }], port, 100, undefined, undefined, 'test'),
        );
        expect(alone).toBeUndefined();
        // First in line, it is given 100 ms; then the next address is tried, and wins.
        const socket = await happyEyeballs(
          [
            { address: '127.0.0.3', family: 4 },
            { address: '127.0.0.1', family: 4 },
          ],
          port,
          100,
          undefined,
          undefined,
          'test',
        );
        expect(socket.remoteAddress).toBe('127.0.0.1');
        socket.destroy();
        tg.cancel();
      });
    },
  );

  it('throws an ExceptionGroup with every error when every attempt fails', async () => {
    const probe = await createTcpListener({ localHost: '127.0.0.1' });
    const port = probe.extra(SocketAttribute.localPort);
    await probe.aclose();
    const addresses = [
      { address: '127.0.0.2', family: 4 as const },
      { address: '127.0.0.1', family: 4 as const },
    ];
    const error: unknown = await happyEyeballs(addresses, port, 50, undefined, undefined, 'test').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExceptionGroup);
    expect((error as ExceptionGroup).errors.map((e) => (e as { code?: string }).code)).toEqual(['ECONNREFUSED', 'ECONNREFUSED']);
  });
});

describe('createTcpListener', () => {
  it('listens on every address of a name, on one port', async () => {
    await using listener = await createTcpListener({ localHost: 'localhost' });
    const port = listener.extra(SocketAttribute.localPort);
    const addresses = (await lookup('localhost', { all: true })).map((entry) => entry.address);
    for (const address of addresses) {
      await using client = await connectTcp(address, port);
      await using server = await listener.accept();
      await client.send(encode(address));
      expect(decode(await server.receive())).toBe(address);
      expect(server.extra(SocketAttribute.localPort)).toBe(port);
    }
  });

  it('picks a free port and accepts IPv4 and IPv6 on one port by default', async () => {
    await using listener = await createTcpListener();
    const port = listener.extra(SocketAttribute.localPort);
    expect(port).toBeGreaterThan(0);
    for (const host of ['127.0.0.1', '::1']) {
      let client;
      try {
        client = await connectTcp(host, port);
      } catch (error) {
        if (host === '::1' && (error as { code?: string }).code === 'EADDRNOTAVAIL') continue; // no IPv6 here
        throw error;
      }
      const server = await listener.accept();
      await client.send(encode(host));
      expect(decode(await server.receive())).toBe(host);
      await client.aclose();
      await server.aclose();
    }
  });

  it('serve runs a task per connection and closes each connection after its handler', async () => {
    await withTaskGroup(async (tg) => {
      let handled = 0;
      const port = await startServer(tg, async (stream) => {
        handled++;
        await stream.send(encode(`you are client ${handled}`));
      });
      const replies = await Promise.all(
        [1, 2, 3].map(async () => {
          await using stream = await connectTcp('127.0.0.1', port);
          return decode(await receiveAll(stream));
        }),
      );
      expect(replies.sort()).toEqual(['you are client 1', 'you are client 2', 'you are client 3']);
      tg.cancel();
    });
  });

  it('accept after aclose raises ClosedResourceError; a blocked accept is woken', async () => {
    const listener = await createTcpListener({ localHost: '127.0.0.1' });
    await withTaskGroup(async (tg) => {
      const accepting = tg.startSoon(async () => {
        try {
          await listener.accept();
        } catch (error) {
          return error;
        }
      });
      await waitAllTasksBlocked();
      await listener.aclose();
      expect(await accepting.result()).toBeInstanceOf(ClosedResourceError);
    });
    await expect(listener.accept()).rejects.toBeInstanceOf(ClosedResourceError);
  });

  it('serve uses the given task group, and a handler error reaches the group', async () => {
    const failure = await withTaskGroup(async (tg) => {
      const listener = await createTcpListener({ localHost: '127.0.0.1' });
      const port = listener.extra(SocketAttribute.localPort);
      tg.startSoon(async () => {
        try {
          await listener.serve(() => {
            throw new Error('handler failed');
          }, tg);
        } finally {
          await listener.aclose();
        }
      });
      await using stream = await connectTcp('127.0.0.1', port);
      await expect(stream.receive()).rejects.toSatisfy((e) => e instanceof EndOfStream || isCancelled(e) || e instanceof BrokenResourceError);
    }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ message: 'handler failed' });
  });
});
