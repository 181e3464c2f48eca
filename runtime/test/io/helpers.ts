/** Shared pieces of the I/O tests: the open-resource check and a loopback echo server. */

import { afterEach, expect } from 'vitest';

import {
  createTcpListener,
  EndOfStream,
  SocketAttribute,
  type ByteStream,
  type TaskGroup,
  type TaskStatus,
} from '../../src/index.js';
import { openResources } from '../../src/testing.js';

/** Registers an `afterEach` that fails the test if a resource it opened is still open. */
export function checkNothingLeftOpen(): void {
  afterEach(() => {
    expect(openResources()).toEqual([]);
  });
}

export const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
export const decode = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

/** Echoes every byte back until the peer half-closes, then half-closes too. */
export async function echo(stream: ByteStream): Promise<void> {
  for await (const chunk of stream) await stream.send(chunk);
  await stream.sendEof();
}

/** Receives until the end of the stream and returns everything. */
export async function receiveAll(stream: ByteStream): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    try {
      const chunk = await stream.receive();
      expect(chunk.length).toBeGreaterThan(0);
      chunks.push(chunk);
      total += chunk.length;
    } catch (error) {
      if (error instanceof EndOfStream) break;
      throw error;
    }
  }
  const all = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.length;
  }
  return all;
}

/** Starts a TCP server on 127.0.0.1 running `handler` per connection; returns its port. */
export function startServer(
  tg: TaskGroup,
  handler: (stream: ByteStream) => Promise<void>,
  localHost = '127.0.0.1',
): Promise<number> {
  return tg.start(async (status: TaskStatus<number>) => {
    await using listener = await createTcpListener({ localHost, localPort: 0 });
    status.started(listener.extra(SocketAttribute.localPort));
    await listener.serve(handler);
  });
}
