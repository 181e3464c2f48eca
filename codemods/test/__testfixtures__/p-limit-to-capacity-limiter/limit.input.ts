import pLimit from 'p-limit';

declare function fetchPage(url: string, retries: number): Promise<string>;
declare function ping(): Promise<void>;

// Four requests at a time.
const limit = pLimit(4);

export async function crawl(urls: string[], retries: number): Promise<string[]> {
  await limit(ping);
  await limit(async () => {
    /* warm up */
    await ping();
  });
  return Promise.all(urls.map((url) => limit(fetchPage, url, retries)));
}

export function load(): string {
  return `${limit.activeCount} running`;
}
