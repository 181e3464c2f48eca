/**
 * The first example of the AnyIO essay, in Corral: three fetches in one task group. The line
 * after the group runs only once all three have finished; had one failed, the others would have
 * been cancelled and the error thrown here.
 *
 * Run: npx tsx examples/task-group-fetch.ts
 */
import { run, sleep, withTaskGroup } from '@corral/runtime';

async function fetchData(itemId: number): Promise<string> {
  // Simulate some I/O.
  await sleep(100);
  console.log(`Fetched data for item ${itemId}`);
  return `data_${itemId}`;
}

async function main(): Promise<void> {
  await withTaskGroup((tg) => {
    for (let i = 0; i < 3; i++) tg.startSoon(fetchData, i);
  });
  // We only get here AFTER all three fetchData calls are complete.
  console.log('All data fetched!');
}

await run(main);
