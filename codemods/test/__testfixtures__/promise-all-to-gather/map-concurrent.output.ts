import { mapConcurrent } from '@corral/runtime';

interface Page { url: string; body: string }

declare function fetchPage(url: string): Promise<Page>;
declare function closeCursor(id: number): Promise<void>;

export async function crawl(urls: readonly string[]): Promise<Page[]> {
  // One page per URL, all at once.
  return await mapConcurrent(
    urls, async (url) => {
      const page = await fetchPage(url); // fetch
      return page;
    },
  );
}

export async function lengths(urls: string[]): Promise<number[]> {
  const pages = await mapConcurrent(urls, (url, index) => {
    return fetchPage(`${url}#${index}`);
  });
  return pages.map((page) => page.body.length);
}

export async function byReference(urls: string[]): Promise<Page[]> {
  return mapConcurrent(urls, fetchPage);
}

export async function closeAll(open: Set<number>): Promise<void> {
  await mapConcurrent(open, (id) => closeCursor(id));
}

export async function folded(urls: string[]): Promise<string[]> {
  // The list is made just before it is awaited, so it can move into the call.
  const pages = await mapConcurrent(urls, (url) => fetchPage(url));
  return pages.map((page) => page.url);
}

export async function selfReference(): Promise<unknown[]> {
  const results: unknown[] = [1, 2, 3];
  await mapConcurrent(
    results, async (item, index) => {
      results[index] = await Promise.resolve(item);
    },
  );
  return results;
}
