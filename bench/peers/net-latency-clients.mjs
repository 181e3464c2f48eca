// The measurement both node:net latency peers share: `connections` sockets to an echo server,
// each primed with one round trip; each iteration runs one async function per socket doing
// round trips under Promise.all, and reports the p50 and p99 latency over all of them.
import net from 'node:net';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { percentile } from '../lib/percentile.mjs';

/**
 * The setup result of a latency peer whose echo server is `server` at `port`. `openClient`
 * wraps a connected socket as `{ roundTrip(message), close() }`.
 */
export async function measureLatency({ connections, roundTrips, messageSize }, { server, port }, openClient) {
  const message = Buffer.alloc(messageSize, 7);
  const clients = await Promise.all(
    Array.from({ length: connections }, async () => {
      const socket = net.connect(port, '127.0.0.1');
      await once(socket, 'connect');
      const client = openClient(socket);
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
