/** `createTcpListener`: one listener on one port, for every address family asked for. */

import type { AddressInfo, Server } from 'node:net';

import { SocketAttribute } from '../abc/attributes.js';
import { platform } from '../backend/select-platform.js';
import { waitForEvent } from './native-wait.js';
import { resolveAll } from './resolve.js';
import { listenerAttributes, SocketListener } from './socket-listener.js';
import { errorCode } from '../streams/native-errors.js';

/**
 * Options of {@link createTcpListener}.
 *
 * @example
 * ```ts
 * await using listener = await createTcpListener({ localHost: '127.0.0.1', localPort: 0, backlog: 1024 });
 * ```
 */
export interface TcpListenerOptions {
  /**
   * The address (or name) to listen on. By default every address of every family: `::` with
   * IPv4-mapped connections accepted, or `0.0.0.0` where IPv6 is unavailable. A name that resolves
   * to several addresses (`localhost`: `127.0.0.1` and `::1`) listens on each, on one port.
   */
  localHost?: string;
  /** The port; 0 (the default) picks a free one (read it with `extra(SocketAttribute.localPort)`). */
  localPort?: number;
  /** The length of the queue of connections the kernel accepts before `accept()` takes them. */
  backlog?: number;
}

interface ListenAddress {
  readonly address: string;
  readonly ipv6Only: boolean;
}

/**
 * Listens for TCP connections.
 *
 * @example
 * ```ts
 * await using listener = await createTcpListener({ localHost: 'localhost', localPort: 0 });
 * console.log('listening on port', listener.extra(SocketAttribute.localPort));
 * await listener.serve(async (stream) => {
 *   for await (const chunk of stream) await stream.send(chunk);
 * });
 * ```
 */
export async function createTcpListener(options: TcpListenerOptions = {}): Promise<SocketListener> {
  const port = options.localPort ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RangeError(`createTcpListener: localPort must be an integer from 0 to 65535, got ${String(port)}`);
  }
  if (options.localHost === undefined) {
    try {
      return await listenOnAll([{ address: '::', ipv6Only: false }], port, options.backlog);
    } catch (error) {
      const code = errorCode(error);
      if (code !== 'EAFNOSUPPORT' && code !== 'EADDRNOTAVAIL' && code !== 'EINVAL') throw error;
      return listenOnAll([{ address: '0.0.0.0', ipv6Only: false }], port, options.backlog);
    }
  }
  const resolved = await resolveAll(options.localHost);
  const addresses = resolved.map((r) => ({ address: r.address, ipv6Only: r.family === 6 }));
  return listenOnAll(addresses, port, options.backlog);
}

async function listenOnAll(addresses: readonly ListenAddress[], port: number, backlog?: number): Promise<SocketListener> {
  const servers: Server[] = [];
  let chosenPort = port;
  let family: 'IPv4' | 'IPv6' = 'IPv4';
  let localAddress = '';
  // The port is known once the first address is bound (0 asks for a free one).
  const describe = (port: number | string): string =>
    `the TCP listener on ${addresses.map((a) => (a.address.includes(':') ? `[${a.address}]:${port}` : `${a.address}:${port}`)).join(', ')}`;
  // Made first, so that no connection arriving between two listen calls is lost.
  const listener = new SocketListener(
    servers,
    listenerAttributes([
      [SocketAttribute.localPort, () => chosenPort],
      [SocketAttribute.localAddress, () => localAddress],
      [SocketAttribute.family, () => family],
      [SocketAttribute.rawSocket, () => servers[0]],
    ]),
    'tcp-listener',
    describe(port === 0 ? '(a free port)' : port),
  );
  try {
    for (const { address, ipv6Only } of addresses) {
      const server = platform().createServer((socket) => listener._onConnection(socket));
      servers.push(server);
      platform().listenTcp(server, { address, port: chosenPort, ipv6Only, backlog });
      await waitForEvent(server, 'listening', () => server.close());
      server.on('error', (error) => listener._onError(error));
      const bound = server.address() as AddressInfo;
      if (servers.length === 1) {
        chosenPort = bound.port;
        family = bound.family === 'IPv6' ? 'IPv6' : 'IPv4';
        localAddress = bound.address;
        listener._describe(describe(chosenPort));
      }
    }
  } catch (error) {
    await listener.aclose();
    throw error;
  }
  return listener;
}
