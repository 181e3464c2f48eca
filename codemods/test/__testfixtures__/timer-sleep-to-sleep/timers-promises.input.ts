import { setTimeout } from 'node:timers/promises';

export async function retry(attempts: number, backoffMS: number, work: () => Promise<boolean>): Promise<boolean> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (await work()) return true;
    // Back off before the next attempt.
    await setTimeout(backoffMS * attempt);
  }
  return false;
}
