declare function step(): Promise<void>;

export async function pollFor(ms: number): Promise<void> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ms);
  try {
    // Work until the time is up; running out of time is not an error.
    while (!controller.signal.aborted) {
      await step();
    }
  } finally {
    clearTimeout(timer);
  }
  console.log('stopped polling');
}

export async function tryFetch(url: string): Promise<Response | undefined> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 2_000);
  try {
    return await fetch(url, { signal: controller.signal });
  } catch (error) {
    // A timeout means "no answer"; anything else is a real failure.
    if (controller.signal.aborted) return undefined;
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
