declare function press(button: string): Promise<void>;
declare function release(button: string): Promise<void>;

export async function reset(buttons: readonly string[], pressed: ReadonlySet<string>): Promise<void> {
  // Collect the work first.
  const actions = [];
  for (const button of buttons) {
    if (pressed.has(button)) {
      actions.push(release(button)); // let go
    } else if (button === 'skip') {
      continue;
    }
  }
  actions.push(press('home'));
  await Promise.all(actions); // all done
}
