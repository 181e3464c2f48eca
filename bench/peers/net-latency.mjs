// Raw node:net: 1,000 sockets to the piped echo server, each primed with one round trip; each
// iteration runs one async function per socket doing 100-byte round trips (write, then wait for
// 'data' events to bring all 100 bytes back) under Promise.all.
import net from 'node:net';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { percentile } from '../lib/percentile.mjs';
import { startEchoServer } from './net-echo.mjs';

class EchoClient {
  #socket;
  #expected = 0;
  #received = 0;
  #done = null;

  constructor(socket) {
    this.#socket = socket;
    socket.on('data', (data) => {
      this.#received += data.length;
      if (this.#received >= this.#expected) this.#done?.();
    });
  }

  roundTrip(message) {
    this.#expected = message.length;
    this.#received = 0;
    const back = new Promise((resolve) => (this.#done = resolve));
    this.#socket.write(message);
    return back;
  }

  close() {
    this.#socket.destroy();
  }
}

export async function setup({ connections, roundTrips, messageSize }) {
  const message = Buffer.alloc(messageSize, 7);
  const { server, port } = await startEchoServer();
  const clients = await Promise.all(
    Array.from({ length: connections }, async () => {
      const socket = net.connect(port, '127.0.0.1');
      await once(socket, 'connect');
      const client = new EchoClient(socket);
      await client.roundTrip(message);
      return client;
    }),
  );
  return {
    async iteration() {
      const latencies = [];
      await Promise.all(
        clients.map(async (client) => {
          for (let i = 0; i < roundTrips; i++) {
            const t0 = performance.now();
            await client.roundTrip(message);
            latencies.push(performance.now() - t0);
          }
        }),
      );
      return { metrics: { p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99) } };
    },
    async teardown() {
      for (const client of clients) client.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
