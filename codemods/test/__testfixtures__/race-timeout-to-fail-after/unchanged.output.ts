declare function poll(): Promise<number>;

export async function taggedTimeout(): Promise<number | 'timeout'> {
  // The caller tests for the value the timer resolves with: moveOnAfter would give undefined.
  return Promise.race([poll(), new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 100))]);
}

export async function startedEarly(): Promise<number> {
  const result = Promise.race([poll(), new Promise<never>((_, reject) => setTimeout(reject, 100))]);
  await Promise.resolve();
  return result;
}
