import { withTaskGroup } from '@corral/runtime';

declare function fetchPage(url: string): Promise<string>;
declare function store(page: string): Promise<void>;

export async function crawl(urls: string[]): Promise<void> {
  await withTaskGroup(async (tg) => {
    for (const url of urls) {
      tg.startSoon(() => fetchPage(url));
    }
    tg.startSoon(async () => {
      const page = await fetchPage(urls[0] ?? '');
      tg.startSoon(() => store(page));
    });
  });
}
