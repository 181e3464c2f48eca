// Plain node:net written in task form, without Corral: the echo server runs one async loop per
// connection that awaits a chunk and writes it back (the shape of Corral's echo, and of AnyIO's),
// and each client awaits its write and then the echo, as Corral's client does. Shown for
// information beside the piped server: what awaiting in the server costs before any runtime is
// involved. Same connections, round trips and priming as the other variants.
import { startEchoServer } from './net-echo.mjs';
import { measureLatency } from './net-latency-clients.mjs';

/** Chunks of one socket as awaitable receives: one waiting receive at most, as a stream allows. */
class ChunkReader {
  #chunks = [];
  #head = 0;
  #waiting = null;

  constructor(socket) {
    socket.on('data', (chunk) => {
      const waiting = this.#waiting;
      if (waiting === null) {
        this.#chunks.push(chunk);
        return;
      }
      this.#waiting = null;
      waiting(chunk);
    });
  }

  receive() {
    if (this.#head < this.#chunks.length) {
      const chunk = this.#chunks[this.#head++];
      if (this.#head === this.#chunks.length) {
        this.#chunks.length = 0;
        this.#head = 0;
      }
      return Promise.resolve(chunk);
    }
    return new Promise((resolve) => (this.#waiting = resolve));
  }
}

async function echo(socket) {
  const reader = new ChunkReader(socket);
  for (;;) {
    socket.write(await reader.receive());
    // A send is a scheduling point in task form, as each of Corral's is.
    await null;
  }
}

/** A client in task form: it awaits its write, then the echo. */
class AwaitingEchoClient {
  #socket;
  #reader;

  constructor(socket) {
    this.#socket = socket;
    this.#reader = new ChunkReader(socket);
  }

  async roundTrip(message) {
    this.#socket.write(message);
    await null;
    let received = 0;
    while (received < message.length) received += (await this.#reader.receive()).length;
  }

  close() {
    this.#socket.destroy();
  }
}

export async function setup(params) {
  // The loop ends with the socket: its last receive never settles and is collected with it.
  const echoServer = await startEchoServer((socket) => void echo(socket));
  return measureLatency(params, echoServer, (socket) => new AwaitingEchoClient(socket));
}
