declare function open(): Promise<void>;
declare function refreshCache(key: string): Promise<number>;
declare function report(error: unknown): void;

export async function connect(key: string): Promise<string> {
  await open();
  void refreshCache(key);
  refreshCache(`${key}:backup`).catch((error: unknown) => {
    report(error);
  });
  if (key === '') {
    return 'empty';
  }
  return key;
}

export class Session {
  async start(): Promise<void> {
    await open();
    void refreshCache('session');
  }
}

export const warm = async (): Promise<void> => {
  for (const key of ['a', 'b']) {
    void refreshCache(key);
  }
};
