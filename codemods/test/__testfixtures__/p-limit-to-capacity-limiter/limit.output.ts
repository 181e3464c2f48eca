import { mapConcurrent, withTaskGroup, CapacityLimiter } from '@corral/runtime';

declare function fetchPage(url: string, retries: number): Promise<string>;
declare function ping(): Promise<void>;

// Four requests at a time.
const limit = new CapacityLimiter(4);

export async function crawl(urls: string[], retries: number): Promise<string[]> {
  await withTaskGroup(async (tg) => {
    tg.startSoon(async () => {
      await limit.run(() => ping());
    });
    tg.startSoon(async () => {
      await limit.run(async () => {
        /* warm up */
        await ping();
      });
    });
  });
  return mapConcurrent(urls, (url) => limit.run(() => fetchPage(url, retries)));
}

export function load(): string {
  return `${limit.borrowedTokens} running`;
}
