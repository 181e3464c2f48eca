import { gatherSettled } from '@corral/runtime';

declare function restore(file: string): Promise<string>;

export async function restoreAll(files: string[]): Promise<number> {
  // Each file on its own: a failure does not stop the others.
  const results = await gatherSettled(
    ...files.map((file) => async () => {
      return restore(file); // may fail
    }),
  );
  return results.filter((result) => result.status === 'fulfilled').length;
}

export async function lengths(files: readonly string[]): Promise<PromiseSettledResult<string>[]> {
  return gatherSettled(...files.map((file) => () => restore(file)));
}
