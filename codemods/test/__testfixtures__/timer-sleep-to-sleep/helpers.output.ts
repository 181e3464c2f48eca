import { sleep } from '@corral/runtime';

/** Exported, so other modules may call it: kept, with a runtime sleep inside. */
export function wait(ms: number): Promise<void> {
  return sleep(ms);
}

export async function steps(): Promise<void> {
  await sleep(10); // first
  await sleep(20);
  await sleep(30);
  await wait(40);
}
