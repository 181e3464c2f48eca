// The registry of open resources is what every I/O test's after-each check reads: these tests
// show that each kind of resource is listed while it is open and gone once it is closed, so an
// empty list after a test means that nothing was left open, not that nothing was registered.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import {
  connectTcp,
  connectUnix,
  createTcpListener,
  createUdpSocket,
  createUnixListener,
  openProcess,
  SocketAttribute,
  sleep,
  toThread,
  withTaskGroup,
} from '../../src/index.js';
import { openResources, type ResourceKind } from '../../src/testing.js';
import { blockUntilReleased } from './fixtures/thread-work.mjs';
import { checkNothingLeftOpen } from './helpers.js';

checkNothingLeftOpen();

/** The kinds open now, sorted (pooled idle workers excluded, as the after-each check does). */
const openKinds = (): ResourceKind[] => openResources().map((r) => r.kind).sort();

describe('openResources', () => {
  it('lists a TCP listener and both ends of a TCP connection while they are open', async () => {
    await using listener = await createTcpListener({ localHost: '127.0.0.1', localPort: 0 });
    const port = listener.extra(SocketAttribute.localPort);
    expect(openResources().map((r) => [r.kind, r.description])).toEqual([['tcp-listener', `the TCP listener on 127.0.0.1:${port}`]]);
    {
      await using _client = await connectTcp('127.0.0.1', port);
      await using _server = await listener.accept();
      expect(openKinds()).toEqual(['tcp-listener', 'tcp-stream', 'tcp-stream']);
      // The client's end names the listener's port; the server's end names the client's.
      expect(openResources().map((r) => r.description)).toContain(`the TCP connection to 127.0.0.1:${port}`);
    }
    expect(openKinds()).toEqual(['tcp-listener']);
  });

  it('lists a Unix listener and a Unix connection while they are open', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'corral-registry-'));
    try {
      const path = join(dir, 'sock');
      {
        await using listener = await createUnixListener(path);
        await using _client = await connectUnix(path);
        await using _server = await listener.accept();
        expect(openKinds()).toEqual(['unix-listener', 'unix-stream', 'unix-stream']);
      }
      expect(openKinds()).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('lists a UDP socket while it is open', async () => {
    {
      await using socket = await createUdpSocket({ localHost: '127.0.0.1' });
      expect(openResources().map((r) => [r.kind, r.description])).toEqual([
        ['udp-socket', expect.stringContaining(`127.0.0.1:${socket.extra(SocketAttribute.localPort)}`)],
      ]);
    }
    expect(openKinds()).toEqual([]);
  });

  it('lists a child process until it has exited and been reaped', async () => {
    {
      await using _child = await openProcess(['sleep', '30'], { stdin: 'ignore', stdout: 'ignore', stderr: 'ignore' });
      expect(openKinds()).toEqual(['child-process']);
      expect(openResources()[0]!.description).toContain('sleep 30');
    }
    expect(openKinds()).toEqual([]);
  });

  it('lists a pooled worker as busy during a call and as pooled (outside any scope) once idle', async () => {
    const release = new SharedArrayBuffer(4);
    await withTaskGroup(async (tg) => {
      tg.startSoon(() => toThread.runSync(blockUntilReleased, release));
      for (let i = 0; i < 2000 && !openKinds().includes('worker-thread'); i++) await sleep(5);
      expect(openKinds()).toEqual(['worker-thread']);
      Atomics.store(new Int32Array(release), 0, 1);
      Atomics.notify(new Int32Array(release), 0);
    });
    expect(openKinds()).toEqual([]);
    expect(openResources({ includePooled: true }).some((r) => r.kind === 'worker-thread' && r.pooled)).toBe(true);
  });
});
