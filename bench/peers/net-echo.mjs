// Raw node:net echo server, as Node's docs write one: every socket piped back into itself.
import net from 'node:net';
import { once } from 'node:events';

/**
 * Starts the echo server; returns it and its port. `onConnection` answers each socket (by
 * default, the socket piped back into itself).
 */
export async function startEchoServer(onConnection = (socket) => socket.pipe(socket)) {
  const server = net.createServer(onConnection);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, port: server.address().port };
}
