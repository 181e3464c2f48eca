// Raw node:net echo server, as Node's docs write one: every socket piped back into itself.
import net from 'node:net';
import { once } from 'node:events';

/** Starts the echo server; returns it and its port. */
export async function startEchoServer() {
  const server = net.createServer((socket) => socket.pipe(socket));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, port: server.address().port };
}
