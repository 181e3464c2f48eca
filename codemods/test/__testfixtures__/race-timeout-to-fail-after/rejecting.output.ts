import { abandonOnCancel, failAfter } from '@corral/runtime';

declare function query(sql: string): Promise<string[]>;

export async function rows(ms: number): Promise<string[]> {
  // Give up after `ms`.
  return await failAfter(/* the work */ /* the timer */ ms, () => abandonOnCancel(query('select 1')));
}
