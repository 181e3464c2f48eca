interface Page { url: string; body: string }

declare function fetchPage(url: string): Promise<Page>;
declare function closeCursor(id: number): Promise<void>;

export async function crawl(urls: readonly string[]): Promise<Page[]> {
  // One page per URL, all at once.
  return await Promise.all(
    urls.map(async (url) => {
      const page = await fetchPage(url); // fetch
      return page;
    }),
  );
}

export async function lengths(urls: string[]): Promise<number[]> {
  const pages = await Promise.all(urls.map((url, index) => {
    return fetchPage(`${url}#${index}`);
  }));
  return pages.map((page) => page.body.length);
}

export async function byReference(urls: string[]): Promise<Page[]> {
  return Promise.all(urls.map(fetchPage));
}

export async function closeAll(open: Set<number>): Promise<void> {
  await Promise.all(Array.from(open, (id) => closeCursor(id)));
}

export async function folded(urls: string[]): Promise<string[]> {
  // The list is made just before it is awaited, so it can move into the call.
  const pending = urls.map((url) => fetchPage(url));
  const pages = await Promise.all(pending);
  return pages.map((page) => page.url);
}

export async function selfReference(): Promise<unknown[]> {
  const results: unknown[] = [1, 2, 3];
  await Promise.all(
    results.map(async (item, index, results) => {
      results[index] = await Promise.resolve(item);
    }),
  );
  return results;
}
