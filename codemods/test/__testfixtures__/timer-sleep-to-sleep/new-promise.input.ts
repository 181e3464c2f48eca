export async function pauses(ms: number, options: { delay?: number }): Promise<void> {
  // A plain sleep.
  await new Promise((resolve) => setTimeout(resolve, 100));
  await new Promise<void>((r) => {
    setTimeout(r, ms); // inside the executor
  });
  await new Promise((resolve) => setTimeout(() => resolve(undefined), /* the delay */ ms * 2));
  if (options.delay) {
    await new Promise((f) => {
      return setTimeout(f, options.delay);
    });
  }
}
