/**
 * A Node `Duplex` over any Corral byte stream, so that Node's TLS can run over streams that are
 * not native sockets (a buffered stream, a stapled pair of pipes). The native stream calls these
 * methods from wherever it likes; each operation on the Corral stream runs in a shielded scope of
 * its own, so a cancellation of whichever task happened to trigger it cannot break the session.
 */

import { Duplex } from 'node:stream';

import type { ByteStream } from '../abc/streams.js';
import { CancelScope } from '../core/cancel-scope.js';
import { EndOfStream } from '../core/errors.js';

function shielded<T>(fn: () => Promise<T>): Promise<T> {
  return new CancelScope({ shield: true }).run(fn) as Promise<T>;
}

/** @internal */
export function duplexOver(stream: ByteStream): Duplex {
  let pumping = false;
  const duplex: Duplex = new Duplex({
    read() {
      if (pumping) return;
      pumping = true;
      // eslint-disable-next-line @corral/no-leaked-tasks -- the native stream's pull callback: the pump reports to the stream (push or destroy), which owns the outcome
      void pump();
    },
    write(chunk: Uint8Array, _encoding, callback) {
      // eslint-disable-next-line @corral/no-leaked-tasks -- the native write callback receives the outcome
      shielded(() => stream.send(chunk)).then(() => callback(), callback);
    },
    final(callback) {
      // eslint-disable-next-line @corral/no-leaked-tasks -- the native final callback receives the outcome
      shielded(() => stream.sendEof()).then(() => callback(), callback);
    },
    destroy(error, callback) {
      // eslint-disable-next-line @corral/no-leaked-tasks -- the native destroy callback receives the outcome
      stream.aclose().then(() => callback(error), callback);
    },
  });

  // Receives while the native side wants data; stops when its buffer is full (read() resumes).
  async function pump(): Promise<void> {
    try {
      for (;;) {
        const chunk = await shielded(() => stream.receive());
        if (!duplex.push(chunk)) {
          pumping = false;
          return;
        }
      }
    } catch (error) {
      pumping = false;
      if (error instanceof EndOfStream) duplex.push(null);
      else duplex.destroy(error as Error);
    }
  }

  return duplex;
}
