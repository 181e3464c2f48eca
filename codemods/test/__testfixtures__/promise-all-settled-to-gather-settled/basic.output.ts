import { gatherSettled } from '@corral/runtime';

declare function ping(host: string): Promise<number>;

export async function health(): Promise<string[]> {
  // Every host answers or fails on its own.
  const outcomes = await gatherSettled(
    () => ping('a'), // primary
    /* replica */ () => ping('b'),
  );
  return outcomes.map((outcome) => (outcome.status === 'fulfilled' ? `up ${outcome.value}` : `down ${String(outcome.reason)}`));
}
