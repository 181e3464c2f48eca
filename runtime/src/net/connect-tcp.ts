/**
 * `connectTcp`: a TCP connection by Happy Eyeballs (RFC 8305): every resolved address is tried,
 * the next attempt starting when the previous one failed or after a delay; the first connection
 * wins and the others are closed.
 */

import type { Socket } from 'node:net';

import type { TcpConnectTarget } from '../backend/platform.js';
import { platform } from '../backend/select-platform.js';
import { isCancelled } from '../core/errors.js';
import { ExceptionGroup } from '../core/exception-group.js';
import { type TaskGroup, withTaskGroup } from '../core/task-group.js';
import { Event } from '../sync/event.js';
import { moveOnAfter } from '../time/timeouts.js';
import { SocketStream } from '../streams/socket-stream.js';
import { TLSStream, type TLSClientOptions } from '../streams/tls-stream.js';
import { waitForEvent } from './native-wait.js';
import { interleaveFamilies, resolveAll, type ResolvedAddress } from './resolve.js';

/**
 * Options of {@link connectTcp}.
 *
 * @example
 * ```ts
 * await using stream = await connectTcp('db.internal', 5432, { tls: { ca }, localHost: '10.0.0.5' });
 * ```
 */
export interface ConnectTcpOptions {
  /**
   * Wrap the connection in TLS: `true` for the defaults (certificate verified against the system's
   * trusted CAs and `host`), or TLS options (a `ca` to trust, `servername`, `alpnProtocols`...).
   */
  tls?: boolean | TLSClientOptions;
  /** Bind the local end to this port. */
  localPort?: number;
  /** Bind the local end to this address. */
  localHost?: string;
  /** How long to wait for one attempt before starting the next, in ms (RFC 8305: 250). */
  happyEyeballsDelay?: number;
}

const DEFAULT_HAPPY_EYEBALLS_DELAY = 250;

/**
 * Connects to `host`:`port` over TCP and returns the connection as a byte stream (a
 * {@link TLSStream} with the `tls` option). Every address of `host` is tried, IPv6 and IPv4
 * alternating, one more every 250 ms or as soon as the previous attempt failed; the first
 * connection wins. If every attempt fails, the single error is thrown as it is, several as an
 * `ExceptionGroup`.
 *
 * @example
 * ```ts
 * await using stream = await connectTcp('localhost', port);
 * await stream.send(new TextEncoder().encode('Hello!\n'));
 * console.log(new TextDecoder().decode(await stream.receive(1024)));
 * ```
 */
export async function connectTcp(host: string, port: number, options: ConnectTcpOptions = {}): Promise<SocketStream> {
  if (typeof host !== 'string' || host === '') throw new TypeError('connectTcp(host, port): host must be a non-empty string');
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new RangeError(`connectTcp(host, port): port must be an integer from 1 to 65535, got ${String(port)}`);
  }
  const delay = options.happyEyeballsDelay ?? DEFAULT_HAPPY_EYEBALLS_DELAY;
  const addresses = interleaveFamilies(await resolveAll(host));
  const localAddress = options.localHost;
  const socket = await happyEyeballs(addresses, port, delay, options.localPort, localAddress, host);
  const stream = new SocketStream(socket);
  if (options.tls === undefined || options.tls === false) return stream;
  const tlsOptions = options.tls === true ? {} : options.tls;
  return TLSStream.wrap(stream, { hostname: host, ...tlsOptions });
}

/** What the attempts of one Happy Eyeballs race found. */
interface RaceState {
  // Invariant: at most one connected socket is kept (the first); every other one is destroyed.
  winner: Socket | undefined;
  readonly errors: unknown[];
}

/** @internal Connects to the first of `addresses` that answers; exported for tests. */
export async function happyEyeballs(
  addresses: readonly ResolvedAddress[],
  port: number,
  delay: number,
  localPort: number | undefined,
  localAddress: string | undefined,
  host: string,
): Promise<Socket> {
  const state: RaceState = { winner: undefined, errors: [] };
  try {
    await withTaskGroup(async (tg) => {
      for (const [index, target] of addresses.entries()) {
        // Set when this attempt fails, so the next one starts without waiting out the delay.
        const failed = new Event();
        tg.startSoon(attempt, { ...target, port, localPort, localAddress }, failed, state, tg);
        if (index < addresses.length - 1) await moveOnAfter(delay, () => failed.wait());
      }
    });
  } catch (error) {
    // Cancelled from outside after an attempt had won: that connection would be nobody's.
    state.winner?.destroy();
    throw error;
  }
  if (state.winner !== undefined) return state.winner;
  if (state.errors.length === 1) throw state.errors[0];
  throw new ExceptionGroup(state.errors, `every connection attempt to ${host}:${port} failed`);
}

/** One connection attempt of the race: the first to connect wins and cancels the others. */
async function attempt(target: TcpConnectTarget, failed: Event, state: RaceState, tg: TaskGroup): Promise<void> {
  const socket = platform().connectTcp(target);
  try {
    await waitForEvent(socket, 'connect', () => socket.destroy());
  } catch (error) {
    socket.destroy();
    if (isCancelled(error)) throw error;
    // A failed attempt is recorded, and must not cancel its siblings.
    state.errors.push(error);
    failed.set();
    return;
  }
  if (state.winner === undefined) {
    state.winner = socket;
    tg.cancel('another connection attempt won');
  } else {
    socket.destroy();
  }
}
