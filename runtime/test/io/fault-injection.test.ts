/**
 * Fault injection: many randomized echo sessions over real loopback TCP, with peer resets,
 * half-closes from either side, client aborts (resets or closes) and receives cancelled at random
 * points. The invariant: the bytes the client receives are exactly the bytes it sent, in order,
 * each once, up to wherever the session was cut (a prefix); and a session without faults gets
 * everything back.
 */

import type { Socket } from 'node:net';

import { describe, expect, it } from 'vitest';

import {
  BrokenResourceError,
  BufferedByteStream,
  ClosedResourceError,
  connectTcp,
  createTcpListener,
  currentBackend,
  EndOfStream,
  failAfter,
  mapConcurrent,
  moveOnAfter,
  SocketAttribute,
  sleep,
  withTaskGroup,
  type ByteStream,
  type SocketStream,
} from '../../src/index.js';
import { checkNothingLeftOpen } from './helpers.js';

checkNothingLeftOpen();

/** A small seeded generator (mulberry32): the same seed gives the same sessions. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEED = Number(process.env['CORRAL_FAULT_SEED'] ?? 20261130);
// The full thousand on every runtime (about 7 to 13 s each); CORRAL_FAULT_SESSIONS overrides.
const SESSIONS = Number(process.env['CORRAL_FAULT_SESSIONS'] ?? 1000);
const CONCURRENCY = 16;

/** What the server does, told by the client in a 9-byte header. */
const ServerFault = { None: 0, ResetAfter: 1, HalfCloseAfter: 2 } as const;

function isCut(error: unknown): boolean {
  return error instanceof BrokenResourceError || error instanceof ClosedResourceError || error instanceof EndOfStream;
}

/** The echo server: reads the header, then echoes until told to fail, or until the end. */
async function faultyEcho(stream: ByteStream): Promise<void> {
  const buffered = new BufferedByteStream(stream);
  try {
    const header = await buffered.receiveExactly(9);
    const view = new DataView(header.buffer, header.byteOffset, 9);
    const fault = view.getUint8(0);
    const after = view.getUint32(1);
    const maxChunk = view.getUint32(5);
    let echoed = 0;
    for (;;) {
      let chunk: Uint8Array;
      try {
        chunk = await buffered.receive(maxChunk);
      } catch (error) {
        if (error instanceof EndOfStream) break;
        throw error;
      }
      if (fault !== ServerFault.None && echoed + chunk.length > after) {
        if (fault === ServerFault.ResetAfter) {
          (stream.extra(SocketAttribute.rawSocket) as Socket).resetAndDestroy();
          return;
        }
        // Half-close: stop echoing, but keep reading what the client still sends.
        await buffered.sendEof();
        for (;;) await buffered.receive();
      }
      await buffered.send(chunk);
      echoed += chunk.length;
    }
    await buffered.sendEof();
  } catch (error) {
    if (isCut(error)) return;
    throw error;
  }
}

interface SessionResult {
  readonly sent: number;
  readonly received: number;
  readonly clean: boolean;
}

async function session(port: number, seed: number): Promise<SessionResult> {
  const rand = random(seed);
  const pick = (n: number): number => Math.floor(rand() * n);
  const serverFault = [ServerFault.None, ServerFault.None, ServerFault.ResetAfter, ServerFault.HalfCloseAfter][pick(4)]!;
  const clientAborts = rand() < 0.15;
  const chunkCount = 1 + pick(12);
  const chunks = Array.from({ length: chunkCount }, () => {
    const chunk = new Uint8Array(1 + pick(rand() < 0.2 ? 200_000 : 3000));
    for (let i = 0; i < chunk.length; i++) chunk[i] = pick(256);
    return chunk;
  });
  const total = chunks.reduce((sum, c) => sum + c.length, 0);
  const header = new Uint8Array(9);
  const view = new DataView(header.buffer);
  view.setUint8(0, serverFault);
  view.setUint32(1, pick(total + 1));
  view.setUint32(5, 1 + pick(70_000));

  const sent = new Uint8Array(total);
  let sentLength = 0;
  const received = new Uint8Array(total);
  let receivedLength = 0;
  let ended = false;
  const stream: SocketStream = await connectTcp('127.0.0.1', port);
  try {
    await withTaskGroup(async (tg) => {
      await stream.send(header);
      tg.startSoon(async () => {
        try {
          for (const chunk of chunks) {
            await stream.send(chunk);
            sent.set(chunk, sentLength);
            sentLength += chunk.length;
          }
          await stream.sendEof();
        } catch (error) {
          if (!isCut(error)) throw error;
        }
      });
      tg.startSoon(async () => {
        for (;;) {
          try {
            const maxBytes = 1 + pick(80_000);
            // Half the receives are cancelled at a random moment (often with bytes in flight).
            const chunk = rand() < 0.5 ? await moveOnAfter(pick(3), () => stream.receive(maxBytes)) : await stream.receive(maxBytes);
            if (chunk === undefined) continue;
            expect(chunk.length).toBeGreaterThan(0);
            received.set(chunk, receivedLength);
            receivedLength += chunk.length;
          } catch (error) {
            if (!isCut(error)) throw error;
            ended = error instanceof EndOfStream;
            return;
          }
        }
      });
      if (clientAborts) {
        await sleep(pick(5));
        // Half the aborts reset the connection under the stream; the others cancel and close.
        if (rand() < 0.5) (stream.extra(SocketAttribute.rawSocket) as Socket).resetAndDestroy();
        else tg.cancel('the client aborts');
      }
    });
  } finally {
    await stream.aclose();
  }
  // Every byte that came back was sent, arrives once, in order: a prefix of what was sent.
  expect(receivedLength).toBeLessThanOrEqual(total);
  const prefix = received.subarray(0, receivedLength);
  expect(Buffer.compare(prefix, Buffer.from(sent.buffer, 0, receivedLength))).toBe(0);
  const clean = serverFault === ServerFault.None && !clientAborts;
  if (clean) {
    // No fault: the whole stream came back, and then the end of the stream.
    expect(ended).toBe(true);
    expect(receivedLength).toBe(total);
    expect(sentLength).toBe(total);
  }
  return { sent: sentLength, received: receivedLength, clean };
}

describe('fault injection', () => {
  it(`${SESSIONS} randomized echo sessions keep every acknowledged byte, once, in order`, async () => {
    const started = performance.now();
    const results = await withTaskGroup(async (tg) => {
      await using listener = await createTcpListener({ localHost: '127.0.0.1' });
      const port = listener.extra(SocketAttribute.localPort);
      tg.startSoon(() => listener.serve(faultyEcho));
      const seeds = Array.from({ length: SESSIONS }, (_, i) => SEED + i);
      const outcome = await mapConcurrent(seeds, (seed) => failAfter(20_000, () => session(port, seed)), {
        limit: CONCURRENCY,
      });
      tg.cancel();
      return outcome;
    });
    const clean = results.filter((r) => r.clean).length;
    const bytes = results.reduce((sum, r) => sum + r.received, 0);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `fault injection on ${currentBackend().name}: ${results.length} sessions (seed ${SEED}; ${clean} without faults), ` +
        `${bytes} bytes echoed and checked, ${seconds} s` +
        (SESSIONS < 1000 ? ` (sampled: ${SESSIONS} of 1000 on this runtime)` : ''),
    );
    expect(results.length).toBe(SESSIONS);
  }, 120_000);
});
