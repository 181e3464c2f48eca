import { sleep } from '@corral/runtime';

export async function pauses(ms: number, options: { delay?: number }): Promise<void> {
  // A plain sleep.
  await sleep(100);
  await /* inside the executor */ sleep(ms);
  await /* the delay */ sleep(ms * 2);
  if (options.delay) {
    await sleep(options.delay ?? 0);
  }
}
