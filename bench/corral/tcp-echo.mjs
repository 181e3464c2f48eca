// Corral's echo server, shared by the TCP scenarios: a listener on loopback serving every
// connection as a task that sends back whatever it receives until the end of the stream.
import { createTcpListener, EndOfStream, SocketAttribute } from '@corral/runtime';

async function echo(stream) {
  try {
    for (;;) await stream.send(await stream.receive());
  } catch (error) {
    if (!(error instanceof EndOfStream)) throw error;
  } finally {
    await stream.aclose();
  }
}

/** Starts the echo server in `tg`; returns its port. The listener closes when `tg` is cancelled. */
export async function startEchoServer(tg) {
  const listener = await createTcpListener({ localHost: '127.0.0.1', localPort: 0 });
  tg.startSoon(async () => {
    try {
      await listener.serve(echo);
    } finally {
      await listener.aclose();
    }
  });
  return listener.extra(SocketAttribute.localPort);
}
