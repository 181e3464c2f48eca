import { EndOfStream } from '../core/errors.js';

/**
 * The async iterator of a receive stream: yields what `receive()` returns until `EndOfStream`.
 * Breaking out of the loop does not close the stream.
 */
export async function* iterateReceived<T>(receive: () => Promise<T>): AsyncGenerator<T, void, undefined> {
  for (;;) {
    let item: T;
    try {
      item = await receive();
    } catch (error) {
      if (error instanceof EndOfStream) return;
      throw error;
    }
    yield item;
  }
}
