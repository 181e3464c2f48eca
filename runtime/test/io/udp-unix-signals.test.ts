import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import {
  ClosedResourceError,
  connectUnix,
  createConnectedUdpSocket,
  createUdpSocket,
  createUnixListener,
  moveOnAfter,
  openSignalReceiver,
  waitAllTasksBlocked,
  SocketAttribute,
  withTaskGroup,
} from '../../src/index.js';
import { openResources } from '../../src/testing.js';
import { checkNothingLeftOpen, decode, echo, encode, receiveAll } from './helpers.js';

checkNothingLeftOpen();

describe('UDP', () => {
  it('sends and receives datagrams with their addresses', async () => {
    await using server = await createUdpSocket({ localHost: '127.0.0.1' });
    const port = server.extra(SocketAttribute.localPort);
    await using client = await createConnectedUdpSocket({ remoteHost: '127.0.0.1', remotePort: port });
    expect(client.extra(SocketAttribute.remotePort)).toBe(port);
    await client.send(encode('ping'));
    const [data, [host, clientPort]] = await server.receive();
    expect(decode(data)).toBe('ping');
    expect(host).toBe('127.0.0.1');
    expect(clientPort).toBe(client.extra(SocketAttribute.localPort));
    await server.sendto(encode('pong'), host, clientPort);
    await server.send([encode('pong again'), [host, clientPort]]);
    expect(decode(await client.receive())).toBe('pong');
    expect(decode(await client.receive())).toBe('pong again');
  });

  it('keeps datagrams whole, and a cancelled receive takes none', async () => {
    await using server = await createUdpSocket({ localHost: '127.0.0.1' });
    const port = server.extra(SocketAttribute.localPort);
    await using client = await createConnectedUdpSocket({ remoteHost: '127.0.0.1', remotePort: port });
    expect(await moveOnAfter(20, () => server.receive())).toBeUndefined();
    await client.send(new Uint8Array(1000).fill(7));
    await client.send(new Uint8Array(10).fill(8));
    const [first] = await server.receive();
    const [second] = await server.receive();
    expect([first.length, second.length]).toEqual([1000, 10]);
  });

  it('raises ClosedResourceError after close', async () => {
    const socket = await createUdpSocket({ localHost: '127.0.0.1' });
    await socket.aclose();
    await socket.aclose();
    await expect(socket.receive()).rejects.toBeInstanceOf(ClosedResourceError);
    await expect(socket.sendto(encode('x'), '127.0.0.1', 9)).rejects.toBeInstanceOf(ClosedResourceError);
  });
});

describe('Unix sockets', () => {
  it('connects, echoes and half-closes over a Unix-domain socket', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'corral-')), 'echo.sock');
    await withTaskGroup(async (tg) => {
      const listener = await createUnixListener(path);
      expect(listener.extra(SocketAttribute.family)).toBe('unix');
      tg.startSoon(async () => {
        try {
          await listener.serve(echo);
        } finally {
          await listener.aclose();
        }
      });
      await using stream = await connectUnix(path);
      expect(stream.extra(SocketAttribute.family)).toBe('unix');
      await stream.send(encode('over unix'));
      await stream.sendEof();
      expect(decode(await receiveAll(stream))).toBe('over unix');
      tg.cancel();
    });
  });

  it('raises the native error when nothing listens at the path', async () => {
    await expect(connectUnix(join(tmpdir(), 'corral-no-such.sock'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('openSignalReceiver', () => {
  it('receives signals sent to the process, and removes its handlers on close', async () => {
    const before = process.listenerCount('SIGUSR2');
    {
      using signals = openSignalReceiver('SIGUSR2');
      expect(process.listenerCount('SIGUSR2')).toBe(before + 1);
      expect(openResources().map((r) => r.kind)).toEqual(['signal-handler']);
      process.kill(process.pid, 'SIGUSR2');
      expect(await signals.receive()).toBe('SIGUSR2');
      process.kill(process.pid, 'SIGUSR2');
      for await (const signal of signals) {
        expect(signal).toBe('SIGUSR2');
        break;
      }
    }
    expect(process.listenerCount('SIGUSR2')).toBe(before);
  });

  it('closing ends a waiting iteration', async () => {
    await withTaskGroup(async (tg) => {
      const signals = openSignalReceiver('SIGUSR2');
      const received: string[] = [];
      tg.startSoon(async () => {
        for await (const signal of signals) received.push(signal);
      });
      await waitAllTasksBlocked();
      await signals.aclose();
      expect(received).toEqual([]);
    });
  });

  it('rejects a name that is not a signal, and signals that cannot be caught', () => {
    expect(() => openSignalReceiver('HUP' as NodeJS.Signals)).toThrow(TypeError);
    expect(() => openSignalReceiver('SIGUSR2', 'SIGKILL')).toThrow(/SIGKILL cannot be caught/);
    expect(process.listenerCount('SIGUSR2')).toBe(0);
  });
});
