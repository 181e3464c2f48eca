import { currentSignal, failAfter } from '@corral/runtime';

/** Fetches a page, giving up after five seconds. */
export async function fetchPage(url: string): Promise<string> {
  // Abort the request when the deadline passes.
  return await failAfter(5_000, async () => {
    // The signal goes to fetch, which rejects when it aborts.
    const response = await fetch(url, { signal: currentSignal() /* cancels the request */ });
    return await response.text();
  });
}

export async function post(url: string, body: string): Promise<void> {
  await failAfter(1_000, async () => {
    await fetch(url, { method: 'POST', body, signal: currentSignal() });
  });
  console.log('posted');
}
