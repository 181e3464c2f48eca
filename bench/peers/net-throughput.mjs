// Raw node:net: one connection to the piped echo server; the client writes 64 KiB chunks,
// honouring backpressure ('drain'), while counting the echoed bytes in 'data' events.
import net from 'node:net';
import { once } from 'node:events';
import { startEchoServer } from './net-echo.mjs';

export async function setup({ bytes, chunkSize }) {
  const chunk = Buffer.alloc(chunkSize, 42);
  const { server, port } = await startEchoServer();
  return {
    async iteration() {
      const socket = net.connect(port, '127.0.0.1');
      await once(socket, 'connect');
      let received = 0;
      const allBack = new Promise((resolve, reject) => {
        socket.on('data', (data) => {
          received += data.length;
          if (received >= bytes) resolve();
        });
        socket.on('error', reject);
      });
      for (let sent = 0; sent < bytes; sent += chunk.length) {
        if (!socket.write(chunk)) await once(socket, 'drain');
      }
      await allBack;
      socket.end();
      await once(socket, 'close');
    },
    teardown: () => new Promise((resolve) => server.close(resolve)),
  };
}
