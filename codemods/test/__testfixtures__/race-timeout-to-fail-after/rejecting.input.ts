declare function query(sql: string): Promise<string[]>;

export async function rows(ms: number): Promise<string[]> {
  // Give up after `ms`.
  return await Promise.race([
    query('select 1'), // the work
    // the timer
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('query timed out')), ms)),
  ]);
}
