declare function restore(file: string): Promise<string>;

export async function restoreAll(files: string[]): Promise<number> {
  // Each file on its own: a failure does not stop the others.
  const results = await Promise.allSettled(
    files.map(async (file) => {
      return restore(file); // may fail
    }),
  );
  return results.filter((result) => result.status === 'fulfilled').length;
}

export async function lengths(files: readonly string[]): Promise<PromiseSettledResult<string>[]> {
  return Promise.allSettled(files.map((file) => restore(file)));
}
