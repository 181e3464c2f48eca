// Corral: 1,000 connections through connectTcp, each primed with one round trip; each iteration
// runs one task per connection doing 100-byte round trips, and reports the p50 and p99 latency.
import { performance } from 'node:perf_hooks';
import { connectTcp, withTaskGroup } from '@corral/runtime';
import { percentile } from '../lib/percentile.mjs';
import { openSession } from './session.mjs';
import { startEchoServer } from './tcp-echo.mjs';

async function roundTrip(stream, message) {
  await stream.send(message);
  let received = 0;
  while (received < message.length) received += (await stream.receive(message.length - received)).length;
}

export async function setup({ connections, roundTrips, messageSize }) {
  const message = new Uint8Array(messageSize).fill(7);
  const session = await openSession(async (tg) => {
    const port = await startEchoServer(tg);
    const streams = [];
    await withTaskGroup(async (connecting) => {
      for (let i = 0; i < connections; i++) {
        connecting.startSoon(async () => {
          const stream = await connectTcp('127.0.0.1', port);
          streams.push(stream);
          await roundTrip(stream, message);
        });
      }
    });
    return { streams };
  });
  return {
    iteration: () =>
      session.run(async ({ streams }) => {
        const latencies = [];
        await withTaskGroup(async (tg) => {
          for (const stream of streams) {
            tg.startSoon(async () => {
              for (let i = 0; i < roundTrips; i++) {
                const t0 = performance.now();
                await roundTrip(stream, message);
                latencies.push(performance.now() - t0);
              }
            });
          }
        });
        return { metrics: { p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99) } };
      }),
    async teardown() {
      await session.run(async ({ streams }) => {
        for (const stream of streams) await stream.aclose();
      });
      await session.close();
    },
  };
}
