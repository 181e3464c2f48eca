// Helpers first.
/** Sleeps. */
const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)); // local only

export async function run(): Promise<void> {
  await pause(/* short */ 5); // first
  await new Promise(
    // resolves later
    (resolve) => setTimeout(/* the resolver */ resolve, /* ms */ 10),
  ); // second
}
