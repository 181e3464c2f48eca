declare function fetchFrom(mirror: string): Promise<Uint8Array>;
declare function timeout(ms: number): Promise<never>;

export async function alreadyRunning(): Promise<Uint8Array> {
  const eu = fetchFrom('eu');
  return Promise.race([eu, fetchFrom('us')]);
}

export async function fromList(pending: Promise<Uint8Array>[]): Promise<Uint8Array> {
  return Promise.race(pending);
}

export async function timedOut(): Promise<Uint8Array> {
  // A timeout: left to race-timeout-to-fail-after.
  return Promise.race([fetchFrom('eu'), new Promise<never>((_, reject) => setTimeout(() => reject(new Error('slow')), 100))]);
}

export function unused(): Promise<never> {
  return timeout(1);
}
