import { Semaphore } from 'async-mutex';

declare function download(url: string): Promise<Uint8Array>;

// At most three downloads at once.
const downloads = new Semaphore(3);

export async function fetchAll(urls: string[]): Promise<Uint8Array[]> {
  return Promise.all(urls.map((url) => downloads.runExclusive(async () => download(url))));
}
