/**
 * The platform layer: every operation the runtime's I/O needs from the JavaScript runtime it runs
 * on, behind one interface. Public classes call these methods and never ask which runtime this
 * is; a runtime that needs its own code gets a file of its own (see `select-platform.ts`), which
 * overrides only what differs.
 */

import type { ChildProcess, SpawnOptions } from 'node:child_process';
import type { Socket as DatagramSocket } from 'node:dgram';
import type { Server, Socket } from 'node:net';
import type { ConnectionOptions, TLSSocket, TlsOptions } from 'node:tls';
import type { Worker, WorkerOptions } from 'node:worker_threads';

/** Where a TCP connection attempt goes. */
export interface TcpConnectTarget {
  /** A numeric IP address (names are resolved before this layer). */
  readonly address: string;
  readonly family: 4 | 6;
  readonly port: number;
  readonly localPort?: number | undefined;
  readonly localAddress?: string | undefined;
}

/** Where a TCP server listens. */
export interface TcpListenTarget {
  readonly address: string;
  readonly port: number;
  /** For `::`: accept IPv6 only (true) or IPv4-mapped connections too (false). */
  readonly ipv6Only: boolean;
  readonly backlog?: number | undefined;
}

/** The operations the runtime needs from the platform. */
export interface Platform {
  /**
   * Whether the callback of an empty `write()` on a native stream (socket, TLS socket, pipe)
   * runs once every byte written before it has gone to the operating system. Where it does, a
   * send writes its bytes without a callback (free when they go out at once) and asks for one
   * only when it must wait; where it does not, every write carries its own callback.
   */
  readonly emptyWriteMarksFlush: boolean;
  /**
   * How a `run(fn)` that waited in line for a lock or token gets back into its task's context,
   * where the promise machinery does not do it by itself (see `sync/resume-way.ts`): through an
   * `AsyncResource` made when it parks (cheap with async context frames), or through a reaction
   * registered then (cheaper where an `AsyncResource` is dear).
   */
  readonly contextResumeWay: 'resource' | 'reaction';
  /** Starts a TCP connection; the socket emits 'connect' or 'error'. */
  connectTcp(target: TcpConnectTarget): Socket;
  /** Starts a Unix-domain connection to `path`. */
  connectUnix(path: string): Socket;
  /** Wraps a connected socket in TLS as a client; emits 'secureConnect' or 'error'. */
  connectTls(socket: Socket, options: ConnectionOptions): TLSSocket;
  /** Wraps a connected socket in TLS as a server; emits 'secure' or 'error'. */
  acceptTls(socket: Socket, options: TlsOptions): TLSSocket;
  /** A server that is not listening yet, whose connections are handed to `onConnection`. */
  createServer(onConnection: (socket: Socket) => void): Server;
  /** Starts listening for TCP; the server emits 'listening' or 'error'. */
  listenTcp(server: Server, target: TcpListenTarget): void;
  /** Starts listening on a Unix socket path. */
  listenUnix(server: Server, path: string): void;
  /** A UDP socket (not bound yet). */
  createUdpSocket(family: 4 | 6, reuseAddress: boolean): DatagramSocket;
  /** Starts a worker thread running the ES module at `url`. */
  startWorker(url: URL, options: WorkerOptions): Worker;
  /** Spawns a child process. */
  spawn(file: string, args: readonly string[], options: SpawnOptions): ChildProcess;
  /** Adds a handler for a process signal; returns the function that removes it. */
  addSignalHandler(signal: NodeJS.Signals, handler: () => void): () => void;
}
