import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import {
  BrokenResourceError,
  BufferedByteStream,
  connectTcp,
  runProcess,
  SocketAttribute,
  TLSAttribute,
  TLSStream,
  withTaskGroup,
  type ByteStream,
} from '../../src/index.js';
import { checkNothingLeftOpen, decode, echo, encode, receiveAll, startServer } from './helpers.js';

checkNothingLeftOpen();

interface Credentials {
  ca: string;
  key: string;
  cert: string;
}

let credentials: Credentials;

/** A fresh CA and a certificate it signed for localhost and 127.0.0.1, made with openssl. */
async function makeCredentials(): Promise<Credentials> {
  const dir = await mkdtemp(join(tmpdir(), 'corral-tls-'));
  const file = (name: string): string => join(dir, name);
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  await runProcess(['openssl', 'req', '-x509', ...ec, '-keyout', file('ca.key'), '-out', file('ca.pem'), '-days', '1', '-subj', '/CN=Corral Test CA']);
  await runProcess(['openssl', 'req', ...ec, '-keyout', file('server.key'), '-out', file('server.csr'), '-subj', '/CN=localhost']);
  await writeFile(file('san.ext'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\n');
  await runProcess([
    'openssl', 'x509', '-req', '-in', file('server.csr'), '-CA', file('ca.pem'), '-CAkey', file('ca.key'),
    '-CAcreateserial', '-out', file('server.pem'), '-days', '1', '-extfile', file('san.ext'),
  ]);
  const read = (name: string): Promise<string> => readFile(file(name), 'utf8');
  return { ca: await read('ca.pem'), key: await read('server.key'), cert: await read('server.pem') };
}

beforeAll(async () => {
  credentials = await makeCredentials();
}, 60_000);

/** A TLS echo server: the handshake failing on the client's side is expected in some tests. */
function tlsEcho(alpnProtocols?: string[]) {
  return async (stream: ByteStream): Promise<void> => {
    let secure: TLSStream;
    try {
      secure = await TLSStream.wrap(stream, {
        serverSide: true,
        key: credentials.key,
        cert: credentials.cert,
        ...(alpnProtocols ? { alpnProtocols } : {}),
      });
    } catch (error) {
      if (error instanceof BrokenResourceError) return;
      throw error;
    }
    try {
      await echo(secure);
    } finally {
      await secure.aclose();
    }
  };
}

describe('TLS', () => {
  it('connects with tls, verifies the certificate against the given CA, and echoes', async () => {
    await withTaskGroup(async (tg) => {
      const port = await startServer(tg, tlsEcho(['h2', 'http/1.1']));
      await using stream = await connectTcp('localhost', port, {
        tls: { ca: credentials.ca, alpnProtocols: ['http/1.1'] },
      });
      expect(stream).toBeInstanceOf(TLSStream);
      await stream.send(encode('secret'));
      await stream.sendEof();
      expect(decode(await receiveAll(stream))).toBe('secret');
      expect(stream.extra(TLSAttribute.alpnProtocol)).toBe('http/1.1');
      expect(stream.extra(TLSAttribute.tlsVersion)).toMatch(/^TLSv1\.[23]$/);
      expect(stream.extra(TLSAttribute.serverSide)).toBe(false);
      expect(stream.extra(TLSAttribute.peerCertificate).subject.CN).toBe('localhost');
      tg.cancel();
    });
  });

  it('TLSStream.wrap as a client refuses to run without a hostname to check the certificate against, and leaves the stream as it was', async () => {
    await withTaskGroup(async (tg) => {
      const port = await startServer(tg, echo);
      await using plain = await connectTcp('127.0.0.1', port);
      await expect(TLSStream.wrap(plain, { ca: credentials.ca })).rejects.toThrow(
        new TypeError(
          'TLSStream.wrap(): a client needs the hostname the server certificate must be valid for: pass { hostname }, ' +
            'or { checkServerIdentity } to check the certificate yourself',
        ),
      );
      // Nothing was sent and the stream was not taken: it still echoes in plain text.
      await plain.send(encode('still plain'));
      await plain.sendEof();
      expect(decode(await receiveAll(plain))).toBe('still plain');
      tg.cancel();
    });
  });

  it('wraps an existing stream with TLSStream.wrap', async () => {
    await withTaskGroup(async (tg) => {
      const port = await startServer(tg, tlsEcho());
      const plain = await connectTcp('127.0.0.1', port);
      await using secure = await TLSStream.wrap(plain, { hostname: '127.0.0.1', ca: credentials.ca });
      await secure.send(encode('wrapped'));
      await secure.sendEof();
      expect(decode(await receiveAll(secure))).toBe('wrapped');
      tg.cancel();
    });
  });

  it('wraps any byte stream, not only sockets (here a BufferedByteStream)', async () => {
    await withTaskGroup(async (tg) => {
      const port = await startServer(tg, tlsEcho());
      const buffered = new BufferedByteStream(await connectTcp('127.0.0.1', port));
      await using secure = await TLSStream.wrap(buffered, { hostname: 'localhost', ca: credentials.ca });
      expect(secure.extra(SocketAttribute.remotePort)).toBe(port); // answered by the wrapped stream
      await secure.send(encode('through an adapter'));
      await secure.sendEof();
      expect(decode(await receiveAll(secure))).toBe('through an adapter');
      tg.cancel();
    });
  });

  it('fails with a clear error when the hostname does not match the certificate', async () => {
    await withTaskGroup(async (tg) => {
      const port = await startServer(tg, tlsEcho());
      const error: unknown = await connectTcp('127.0.0.1', port, {
        tls: { ca: credentials.ca, hostname: 'wrong.example' },
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BrokenResourceError);
      expect((error as Error).message).toMatch(/TLS handshake with wrong\.example failed: the certificate is not valid for this hostname/);
      tg.cancel();
    });
  });

  it('fails with a clear error when the certificate is not trusted (verification is on by default)', async () => {
    await withTaskGroup(async (tg) => {
      const port = await startServer(tg, tlsEcho());
      const error: unknown = await connectTcp('localhost', port, { tls: true }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BrokenResourceError);
      expect((error as Error).message).toMatch(/TLS handshake with localhost failed: the certificate is not trusted/);
      tg.cancel();
    });
  });
});
