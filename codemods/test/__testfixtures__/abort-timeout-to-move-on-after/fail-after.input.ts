/** Fetches a page, giving up after five seconds. */
export async function fetchPage(url: string): Promise<string> {
  const controller = new AbortController();
  // Abort the request when the deadline passes.
  const timer = setTimeout(() => controller.abort(), 5_000);
  try {
    // The signal goes to fetch, which rejects when it aborts.
    const response = await fetch(url, { signal: controller.signal /* cancels the request */ });
    return await response.text();
  } finally {
    clearTimeout(timer);
  }
}

export async function post(url: string, body: string): Promise<void> {
  const timer = setTimeout(() => {
    controller.abort();
  }, 1_000);
  const controller = new AbortController();
  try {
    await fetch(url, { method: 'POST', body, signal: controller.signal });
  } finally {
    clearTimeout(timer);
  }
  console.log('posted');
}
