import { withTaskGroup } from '@corral/runtime';

declare function flush(): Promise<void>;
declare function save(name: string): Promise<void>;

export async function outer(names: string[]): Promise<number> {
  return await withTaskGroup(async (tg) => {
    tg.startSoon(() => flush());
    const inner = async (name: string): Promise<void> => {
      await withTaskGroup(async (taskGroup) => {
        taskGroup.startSoon(() => save(name));
        await flush();
      });
    };
    for (const name of names) {
      await inner(name);
    }
    return names.length;
  });
}
