/**
 * The AnyIO essay's echo client, in Corral. The essay talks to a public echo server; this example
 * starts its own on loopback (a free port), so it runs anywhere, then connects to it, sends a line
 * and reads the echo through a `BufferedByteStream`. Cancelling the group stops the server.
 *
 * Run: npx tsx examples/echo-client.ts
 */
import {
  BufferedByteStream,
  connectTcp,
  createTcpListener,
  isCancelled,
  run,
  SocketAttribute,
  withTaskGroup,
  type ByteStream,
} from '@corral/runtime';

async function echo(stream: ByteStream): Promise<void> {
  for await (const chunk of stream) await stream.send(chunk);
}

async function demonstrateSockets(port: number): Promise<void> {
  try {
    await using stream = await connectTcp('127.0.0.1', port);
    const bufferedStream = new BufferedByteStream(stream);
    // Send a message
    await bufferedStream.send(new TextEncoder().encode('Hello from Corral!\n'));
    // Receive the echo
    const response = await bufferedStream.receive(1024);
    console.log(`Echoed back: ${new TextDecoder().decode(response).trim()}`);
  } catch (error) {
    if (isCancelled(error)) throw error;
    console.log(`Network error? More like network... terror. Sorry: ${String(error)}`);
  }
}

await run(async () => {
  await using listener = await createTcpListener({ localHost: '127.0.0.1', localPort: 0 });
  const port = listener.extra(SocketAttribute.localPort);
  await withTaskGroup(async (tg) => {
    tg.startSoon(() => listener.serve(echo));
    await demonstrateSockets(port);
    tg.cancel('the demonstration is over');
  });
});
