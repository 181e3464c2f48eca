import pLimit from 'p-limit';

declare function fetchPage(url: string): Promise<string>;

const limit = pLimit(2);

/** `pendingCount` has no mechanical counterpart. */
export function queued(): number {
  return limit.pendingCount;
}

export async function next(urls: string[]): Promise<string> {
  return limit(fetchPage, urls[0] ?? '');
}

/** The argument is a call: evaluating it later would change when it runs. */
const other = pLimit(1);
export async function later(urls: string[]): Promise<string> {
  return other(fetchPage, urls.shift() ?? '');
}
