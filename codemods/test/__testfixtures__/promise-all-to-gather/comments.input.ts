// A file whose Promise.all is wrapped in comments everywhere: every one must survive.
import { setTimeout as wait } from 'node:timers/promises';

declare function count(): Promise<number>;
declare function label(prefix: string): Promise<string>;

/** Loads both values at once. */
export async function both(): Promise<[number, string]> {
  await wait(1);
  // before the call
  const [n, s] = await /* awaited */ Promise.all(/* the list */ [
    // the first element
    count(), // after the first
    /* the second */ label('x') /* after the second */,
  ] /* after the list */); // end of line
  return [n, s];
}
