/**
 * The platform layer over the `node:*` modules. Node, Deno and Bun all provide these modules, so
 * this is the implementation every runtime starts from; runtime files override what differs.
 */

import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { connect, createServer } from 'node:net';
import { connect as tlsConnect, TLSSocket } from 'node:tls';
import { Worker } from 'node:worker_threads';

import type { Platform } from './platform.js';

/** @internal */
export class NodePlatform implements Platform {
  readonly emptyWriteMarksFlush: boolean = true;
  readonly contextResumeWay: 'resource' | 'reaction' = 'resource';

  connectTcp: Platform['connectTcp'] = (target) =>
    connect({
      host: target.address,
      port: target.port,
      family: target.family,
      ...(target.localPort === undefined ? {} : { localPort: target.localPort }),
      ...(target.localAddress === undefined ? {} : { localAddress: target.localAddress }),
      noDelay: true,
      allowHalfOpen: true,
    });

  connectUnix: Platform['connectUnix'] = (path) => connect({ path, allowHalfOpen: true });

  connectTls: Platform['connectTls'] = (socket, options) => tlsConnect({ ...options, socket });

  acceptTls: Platform['acceptTls'] = (socket, options) => new TLSSocket(socket, { ...options, isServer: true });

  createServer: Platform['createServer'] = (onConnection) => createServer({ noDelay: true, allowHalfOpen: true }, onConnection);

  listenTcp: Platform['listenTcp'] = (server, target) => {
    server.listen({
      host: target.address,
      port: target.port,
      ipv6Only: target.ipv6Only,
      ...(target.backlog === undefined ? {} : { backlog: target.backlog }),
    });
  };

  listenUnix: Platform['listenUnix'] = (server, path) => {
    server.listen({ path });
  };

  createUdpSocket: Platform['createUdpSocket'] = (family, reuseAddress) =>
    createSocket({ type: family === 6 ? 'udp6' : 'udp4', reuseAddr: reuseAddress });

  startWorker: Platform['startWorker'] = (url, options) => new Worker(url, options);

  spawn: Platform['spawn'] = (file, args, options) => spawn(file, args, options);

  addSignalHandler: Platform['addSignalHandler'] = (signal, handler) => {
    process.on(signal, handler);
    return () => {
      process.off(signal, handler);
    };
  };
}
