import { withTaskGroup } from '@corral/runtime';

declare function open(): Promise<void>;
declare function refreshCache(key: string): Promise<number>;
declare function report(error: unknown): void;

export async function connect(key: string): Promise<string> {
  await open();
  return await withTaskGroup(async (tg) => {
    tg.startSoon(() => refreshCache(key));
    tg.startSoon(() => refreshCache(`${key}:backup`).catch((error: unknown) => {
      report(error);
    }));
    if (key === '') {
      return 'empty';
    }
    return key;
  });
}

export class Session {
  async start(): Promise<void> {
    await open();
    await withTaskGroup(async (tg) => {
      tg.startSoon(() => refreshCache('session'));
    });
  }
}

export const warm = async (): Promise<void> => {
  await withTaskGroup(async (tg) => {
    for (const key of ['a', 'b']) {
      tg.startSoon(() => refreshCache(key));
    }
  });
};
