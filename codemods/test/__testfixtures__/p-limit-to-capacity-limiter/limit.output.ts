import { CapacityLimiter } from '@corral/runtime';

declare function fetchPage(url: string, retries: number): Promise<string>;
declare function ping(): Promise<void>;

// Four requests at a time.
const limit = new CapacityLimiter(4);

export async function crawl(urls: string[], retries: number): Promise<string[]> {
  await limit.run(() => ping());
  await limit.run(async () => {
    /* warm up */
    await ping();
  });
  return Promise.all(urls.map((url) => limit.run(() => fetchPage(url, retries))));
}

export function load(): string {
  return `${limit.borrowedTokens} running`;
}
