import { sleep, withTaskGroup } from '@corral/runtime';

declare function save(id: number): Promise<void>;

export async function main(): Promise<void> {
  await withTaskGroup(async (tg) => {
    save(1);
    tg.startSoon(() => save(2));
  });
  await new Promise((resolve) => setTimeout(resolve, 10));
  try {
    await sleep(1);
  } catch (e) {
    console.log(e);
  }
  try {
    await sleep(1);
  } finally {
    await save(3);
  }
}
