import { mapConcurrent, withTaskGroup } from '@corral/runtime';
import pLimit from 'p-limit';

declare function fetchPage(url: string, retries: number): Promise<string>;
declare function ping(): Promise<void>;

// Four requests at a time.
const limit = pLimit(4);

export async function crawl(urls: string[], retries: number): Promise<string[]> {
  await withTaskGroup(async (tg) => {
    tg.startSoon(async () => {
      await limit(ping);
    });
    tg.startSoon(async () => {
      await limit(async () => {
        /* warm up */
        await ping();
      });
    });
  });
  return mapConcurrent(urls, (url) => limit(fetchPage, url, retries));
}

export function load(): string {
  return `${limit.activeCount} running`;
}
