// Raw node:net: 1,000 sockets to the piped echo server, each primed with one round trip; each
// iteration runs one async function per socket doing 100-byte round trips (write, then wait for
// 'data' events to bring all 100 bytes back) under Promise.all.
import { startEchoServer } from './net-echo.mjs';
import { measureLatency } from './net-latency-clients.mjs';

class EchoClient {
  #socket;
  #expected = 0;
  #received = 0;
  #done = null;

  constructor(socket) {
    this.#socket = socket;
    socket.on('data', (data) => {
      this.#received += data.length;
      if (this.#received >= this.#expected) this.#done?.();
    });
  }

  roundTrip(message) {
    this.#expected = message.length;
    this.#received = 0;
    const back = new Promise((resolve) => (this.#done = resolve));
    this.#socket.write(message);
    return back;
  }

  close() {
    this.#socket.destroy();
  }
}

export async function setup(params) {
  return measureLatency(params, await startEchoServer(), (socket) => new EchoClient(socket));
}
