/**
 * TLS over a connected socket stream: `TLSStream.wrap(stream, options)` runs the handshake as a
 * client (certificate and hostname verified by default) or as a server, and returns the
 * encrypted stream.
 */

import { isIP, type Socket } from 'node:net';
import { checkServerIdentity, type ConnectionOptions, type PeerCertificate, type TLSSocket, type TlsOptions } from 'node:tls';

import { type AttributeTable, attributeTable, SocketAttribute, TypedAttribute } from '../abc/attributes.js';
import type { ByteStream } from '../abc/streams.js';
import { platform } from '../backend/select-platform.js';
import { BrokenResourceError, isCancelled } from '../core/errors.js';
import { waitForEvent } from '../net/native-wait.js';
import { errorCode } from './native-errors.js';
import { SocketStream } from './socket-stream.js';
import { duplexOver } from './stream-duplex.js';

/**
 * Client-side options of {@link TLSStream.wrap} (Node's `tls.connect` options, minus the socket).
 *
 * @example
 * ```ts
 * const options: TLSClientOptions = { hostname: 'internal.example', ca: await readFile('ca.pem', 'utf8'), alpnProtocols: ['h2'] };
 * await using secure = await TLSStream.wrap(plain, options);
 * ```
 */
export interface TLSClientOptions extends Omit<ConnectionOptions, 'socket' | 'host' | 'port' | 'path'> {
  /**
   * The name the server's certificate must be valid for; also sent as SNI. Required, unless
   * `checkServerIdentity` says how to check the certificate instead, or `rejectUnauthorized:
   * false` turns verification off: without it there would be no name to check the certificate
   * against. (`connectTcp` passes the host it connected to.)
   */
  hostname?: string;
  /** Protocols offered through ALPN, e.g. `['h2', 'http/1.1']`. */
  alpnProtocols?: string[];
  serverSide?: false;
}

/**
 * Server-side options of {@link TLSStream.wrap}: at least `key` and `cert` (or `pfx`).
 *
 * @example
 * ```ts
 * await using secure = await TLSStream.wrap(plain, { serverSide: true, key, cert, alpnProtocols: ['h2', 'http/1.1'] });
 * ```
 */
export interface TLSServerOptions extends TlsOptions {
  serverSide: true;
  /** Protocols accepted through ALPN. */
  alpnProtocols?: string[];
}

/**
 * Attributes of TLS streams.
 *
 * @example
 * ```ts
 * const protocol = stream.extra(TLSAttribute.alpnProtocol); // 'h2', or null
 * ```
 */
export const TLSAttribute = Object.freeze({
  /** The protocol chosen by ALPN, or `null`. */
  alpnProtocol: new TypedAttribute<string | null>('TLSAttribute.alpnProtocol'),
  /** The peer's certificate (empty object when the peer sent none). */
  peerCertificate: new TypedAttribute<PeerCertificate>('TLSAttribute.peerCertificate'),
  /** The negotiated TLS version, e.g. `'TLSv1.3'`. */
  tlsVersion: new TypedAttribute<string | null>('TLSAttribute.tlsVersion'),
  /** True on the server side of the session. */
  serverSide: new TypedAttribute<boolean>('TLSAttribute.serverSide'),
});

const UNTRUSTED = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
]);

/** Says in words why a handshake failed. */
function handshakeError(error: unknown, peer: string): BrokenResourceError {
  const code = errorCode(error);
  const detail = error instanceof Error ? error.message : String(error);
  let reason: string;
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') reason = `the certificate is not valid for this hostname (${detail})`;
  else if (code !== undefined && UNTRUSTED.has(code)) reason = `the certificate is not trusted (${code}: ${detail})`;
  else if (code === 'CERT_HAS_EXPIRED') reason = `the certificate has expired (${detail})`;
  else reason = detail;
  return new BrokenResourceError(`TLS handshake with ${peer} failed: ${reason}`, { cause: error });
}

/**
 * A TLS session over a socket stream. Closing it closes the connection underneath.
 *
 * @example
 * ```ts
 * const plain = await connectTcp('example.com', 443);
 * await using secure = await TLSStream.wrap(plain, { hostname: 'example.com' });
 * // or in one step: await connectTcp('example.com', 443, { tls: true })
 * ```
 */
export class TLSStream extends SocketStream {
  /**
   * Runs a TLS handshake over `stream` and returns the encrypted stream; `stream` must not be
   * used afterwards (it is closed with the TLS stream). `stream` may be any byte stream: a socket
   * stream is handed to the platform's TLS directly, anything else goes through an adapter. As a
   * client, the peer's certificate is verified against the trusted CAs (the system's, or `ca`)
   * and against `hostname`; a failure raises `BrokenResourceError` saying why, and closes the
   * connection. A client that gives no `hostname` (and neither `checkServerIdentity` nor
   * `rejectUnauthorized: false`) gets a `TypeError` before anything is sent, and `stream` is left
   * as it was. With `serverSide: true`, `key` and `cert` are required.
   */
  static async wrap(stream: ByteStream, options: TLSClientOptions | TLSServerOptions = {}): Promise<TLSStream> {
    if (options.serverSide !== true && options.hostname === undefined && options.checkServerIdentity === undefined && options.rejectUnauthorized !== false) {
      // Node would check the certificate against "localhost" instead, whoever the peer is.
      throw new TypeError(
        'TLSStream.wrap(): a client needs the hostname the server certificate must be valid for: pass { hostname }, ' +
          'or { checkServerIdentity } to check the certificate yourself',
      );
    }
    const remote = stream.extra(SocketAttribute.remoteAddress, 'the peer');
    // Who the session is with, for messages.
    const peer = options.serverSide === true ? 'a client' : (options.hostname ?? remote);
    // A native socket is handed to Node's TLS directly; any other byte stream through an adapter.
    const native = stream instanceof SocketStream;
    const socket = native ? stream._detach() : (duplexOver(stream) as unknown as Socket);
    let tls: TLSSocket;
    let readyEvent: string;
    if (options.serverSide === true) {
      const { serverSide: _s, alpnProtocols, ...rest } = options;
      tls = platform().acceptTls(socket, { ...rest, ...(alpnProtocols ? { ALPNProtocols: alpnProtocols } : {}) });
      readyEvent = 'secure';
    } else {
      const { serverSide: _s, hostname, alpnProtocols, ...rest } = options;
      tls = platform().connectTls(socket, {
        // SNI carries names only (RFC 6066); an IP address is still checked against the certificate.
        ...(hostname === undefined || isIP(hostname) !== 0 ? {} : { servername: hostname }),
        ...(hostname === undefined ? {} : { checkServerIdentity: (_host: string, cert: PeerCertificate) => checkServerIdentity(hostname, cert) }),
        ...(alpnProtocols ? { ALPNProtocols: alpnProtocols } : {}),
        ...rest,
      });
      readyEvent = 'secureConnect';
    }
    try {
      await waitForEvent(tls, readyEvent, () => tls.destroy());
    } catch (error) {
      tls.destroy();
      socket.destroy();
      if (isCancelled(error)) throw error;
      throw handshakeError(error, peer);
    }
    // A server-side TLSSocket may report a client's failure to verify only as 'error' later;
    // nothing to check here: the client side decides whether it trusts the server.
    const inner = native ? undefined : stream.extraAttributes;
    const description = native ? undefined : `the TLS session with ${peer}`;
    return new TLSStream(tls, options.serverSide === true, inner, description);
  }

  private constructor(tls: TLSSocket, serverSide: boolean, inner: AttributeTable | undefined, description: string | undefined) {
    // Over a non-socket stream, the wrapped stream answers the socket questions.
    super(tls, undefined, attributeTable(...(inner === undefined ? [] : [inner]), tlsAttributes(tls, serverSide)), description);
  }
}

function tlsAttributes(tls: TLSSocket, serverSide: boolean): AttributeTable {
  // Captured after the handshake: a closed TLS socket no longer answers.
  const alpn = tls.alpnProtocol;
  const certificate = tls.getPeerCertificate();
  const version = tls.getProtocol();
  return attributeTable(
    [TLSAttribute.alpnProtocol, () => (typeof alpn === 'string' ? alpn : null)],
    [TLSAttribute.peerCertificate, () => certificate],
    [TLSAttribute.tlsVersion, () => version],
    [TLSAttribute.serverSide, () => serverSide],
  );
}
