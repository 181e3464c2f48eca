/** Waits `ms` milliseconds. */
function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Exported, so other modules may call it: kept, with a runtime sleep inside. */
export function wait(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function steps(): Promise<void> {
  await delay(10); // first
  await sleep(20);
  await delay(30);
  await wait(40);
}
