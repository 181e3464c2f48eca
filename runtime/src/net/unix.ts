/** Unix-domain sockets: `connectUnix` and `createUnixListener`. */

import { SocketAttribute } from '../abc/attributes.js';
import { platform } from '../backend/select-platform.js';
import { SocketStream } from '../streams/socket-stream.js';
import { waitForEvent } from './native-wait.js';
import { listenerAttributes, SocketListener } from './socket-listener.js';

/**
 * Connects to the Unix-domain socket at `path`.
 *
 * @example
 * ```ts
 * await using stream = await connectUnix('/run/app.sock');
 * await stream.send(new TextEncoder().encode('status\n'));
 * ```
 */
export async function connectUnix(path: string): Promise<SocketStream> {
  if (typeof path !== 'string' || path === '') throw new TypeError('connectUnix(path): path must be a non-empty string');
  const socket = platform().connectUnix(path);
  try {
    await waitForEvent(socket, 'connect', () => socket.destroy());
  } catch (error) {
    socket.destroy();
    throw error;
  }
  return new SocketStream(socket, path);
}

/**
 * Listens on the Unix-domain socket `path` (which must not exist yet; Node removes it when the
 * listener closes).
 *
 * @example
 * ```ts
 * await using listener = await createUnixListener(join(tmpdir(), 'app.sock'));
 * await listener.serve(handleClient);
 * ```
 */
export async function createUnixListener(path: string): Promise<SocketListener> {
  if (typeof path !== 'string' || path === '') throw new TypeError('createUnixListener(path): path must be a non-empty string');
  const servers = [platform().createServer((socket) => listener._onConnection(socket, path))];
  const listener = new SocketListener(
    servers,
    listenerAttributes([
      [SocketAttribute.localAddress, () => path],
      [SocketAttribute.family, () => 'unix'],
      [SocketAttribute.rawSocket, () => servers[0]],
    ]),
    'unix-listener',
    `the Unix socket listener on ${path}`,
  );
  const server = servers[0]!;
  try {
    platform().listenUnix(server, path);
    await waitForEvent(server, 'listening', () => server.close());
  } catch (error) {
    await listener.aclose();
    throw error;
  }
  server.on('error', (error) => listener._onError(error));
  return listener;
}
