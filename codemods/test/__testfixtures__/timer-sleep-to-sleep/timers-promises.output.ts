import { sleep } from '@corral/runtime';

export async function retry(attempts: number, backoffMS: number, work: () => Promise<boolean>): Promise<boolean> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (await work()) return true;
    // Back off before the next attempt.
    await sleep(backoffMS * attempt);
  }
  return false;
}
