// Helpers first.
import { sleep } from '@corral/runtime';

// local only

export async function run(): Promise<void> {
  await sleep(/* short */ 5); // first
  await /* resolves later */ /* the resolver */ /* ms */ sleep(10); // second
}
