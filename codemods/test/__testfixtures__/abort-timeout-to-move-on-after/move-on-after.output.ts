import { currentSignal, moveOnAfter } from '@corral/runtime';

declare function step(): Promise<void>;

export async function pollFor(ms: number): Promise<void> {
  await moveOnAfter(ms, async () => {
    // Work until the time is up; running out of time is not an error.
    while (!currentSignal().aborted) {
      await step();
    }
  });
  console.log('stopped polling');
}

export async function tryFetch(url: string): Promise<Response | undefined> {
  // A timeout means "no answer"; anything else is a real failure.
  return await moveOnAfter(2_000, async () => {
    return await fetch(url, { signal: currentSignal() });
  });
}
