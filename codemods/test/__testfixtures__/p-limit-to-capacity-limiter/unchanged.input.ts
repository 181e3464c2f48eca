import pLimit from 'p-limit';

declare function fetchPage(url: string): Promise<string>;

const limit = pLimit(2);

/** `pendingCount` has no mechanical counterpart. */
export function queued(): number {
  return limit.pendingCount;
}

/** Plain promise code: all calls run in one task, which a CapacityLimiter lends one token. */
const perHost = pLimit(3);
export async function fetchAll(urls: string[]): Promise<string[]> {
  return Promise.all(urls.map((url) => perHost(fetchPage, url)));
}
