import { withTaskGroup } from '@corral/runtime';

declare function press(button: string): Promise<void>;
declare function release(button: string): Promise<void>;

export async function reset(buttons: readonly string[], pressed: ReadonlySet<string>): Promise<void> {
  // Collect the work first.
  await withTaskGroup(async (tg) => {
    for (const button of buttons) {
      if (pressed.has(button)) {
        tg.startSoon(() => release(button)); // let go
      } else if (button === 'skip') {
        continue;
      }
    }
    tg.startSoon(() => press('home'));
  }); // all done
}
