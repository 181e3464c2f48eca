// Plain node:net written in task form, without Corral: the echo server runs one async loop per
// connection that awaits a chunk and writes it back (the shape of Corral's echo, and of AnyIO's),
// and each client awaits its write and then the echo, as Corral's client does. Shown for
// information beside the piped server: what awaiting in the server costs before any runtime is
// involved. Same connections, round trips and priming as the other variants.
import net from 'node:net';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { percentile } from '../lib/percentile.mjs';

/** Chunks of one socket as awaitable receives: one waiting receive at most, as a stream allows. */
class ChunkReader {
  #chunks = [];
  #head = 0;
  #waiting = null;

  constructor(socket) {
    socket.on('data', (chunk) => {
      const waiting = this.#waiting;
      if (waiting === null) {
        this.#chunks.push(chunk);
        return;
      }
      this.#waiting = null;
      waiting(chunk);
    });
  }

  receive() {
    if (this.#head < this.#chunks.length) {
      const chunk = this.#chunks[this.#head++];
      if (this.#head === this.#chunks.length) {
        this.#chunks.length = 0;
        this.#head = 0;
      }
      return Promise.resolve(chunk);
    }
    return new Promise((resolve) => (this.#waiting = resolve));
  }
}

async function echo(socket) {
  const reader = new ChunkReader(socket);
  for (;;) {
    socket.write(await reader.receive());
    // A send is a scheduling point in task form, as each of Corral's is.
    await null;
  }
}

async function roundTrip(socket, reader, message) {
  socket.write(message);
  await null;
  let received = 0;
  while (received < message.length) received += (await reader.receive()).length;
}

export async function setup({ connections, roundTrips, messageSize }) {
  const message = Buffer.alloc(messageSize, 7);
  const server = net.createServer((socket) => {
    // The loop ends with the socket: its last receive never settles and is collected with it.
    void echo(socket);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = server.address().port;
  const clients = await Promise.all(
    Array.from({ length: connections }, async () => {
      const socket = net.connect(port, '127.0.0.1');
      await once(socket, 'connect');
      const reader = new ChunkReader(socket);
      await roundTrip(socket, reader, message);
      return { socket, reader };
    }),
  );
  return {
    async iteration() {
      const latencies = [];
      await Promise.all(
        clients.map(async ({ socket, reader }) => {
          for (let i = 0; i < roundTrips; i++) {
            const t0 = performance.now();
            await roundTrip(socket, reader, message);
            latencies.push(performance.now() - t0);
          }
        }),
      );
      return { metrics: { p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99) } };
    },
    async teardown() {
      for (const { socket } of clients) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
