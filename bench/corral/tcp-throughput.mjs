// Corral: one connection through connectTcp to a createTcpListener echo server; a task sends
// 64 KiB chunks while the host receives the echo, until every byte is back.
import { connectTcp, withTaskGroup } from '@corral/runtime';
import { openSession } from './session.mjs';
import { startEchoServer } from './tcp-echo.mjs';

export async function setup({ bytes, chunkSize }) {
  const chunk = new Uint8Array(chunkSize).fill(42);
  const session = await openSession(async (tg) => ({ port: await startEchoServer(tg) }));
  return {
    iteration: () =>
      session.run(async ({ port }) => {
        const stream = await connectTcp('127.0.0.1', port);
        try {
          await withTaskGroup(async (tg) => {
            tg.startSoon(async () => {
              for (let sent = 0; sent < bytes; sent += chunk.length) await stream.send(chunk);
            });
            let received = 0;
            while (received < bytes) received += (await stream.receive()).length;
          });
        } finally {
          await stream.aclose();
        }
      }),
    teardown: () => session.close(),
  };
}
