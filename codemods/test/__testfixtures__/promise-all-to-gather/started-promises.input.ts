declare function load(name: string): Promise<string>;
declare function count(): Promise<number>;

interface Cursor {
  close(): Promise<void>;
}

export class Client {
  readonly cursors = new Set<Cursor>();

  async close(): Promise<void> {
    // The closes start before the set is cleared, as they did.
    const closing = Array.from(this.cursors, (cursor) => cursor.close());
    this.cursors.clear();

    await Promise.all(closing);
  }
}

export async function storedPromise(): Promise<string> {
  const first = load('first');
  const [a, b] = await Promise.all([first, load('second')]);
  return a + b;
}

export async function assignedBefore(enable: boolean): Promise<string> {
  let enabling: Promise<number> | undefined;
  if (enable) enabling = count();
  const [value] = await Promise.all([load('value'), enabling]);
  return value;
}

export async function mixedList(names: string[]): Promise<void> {
  const pending = [];
  pending.push(count());
  for (const name of names) pending.push(load(name));
  pending.length > 0 && console.log('waiting');
  await Promise.all(pending);
}

export function chained(pending: Promise<void>[]): Promise<void[] | void> {
  return Promise.all(pending).catch((error: unknown) => {
    console.error(error);
  });
}

export async function unknownSpread(extra: Promise<string>[]): Promise<void> {
  await Promise.all([load('a'), ...extra]);
}

export async function awaitInside(): Promise<void> {
  await Promise.all([load(await load('name')), load('b')]);
}

export async function thisArg(names: string[]): Promise<void> {
  await Promise.all(names.map(function (this: { prefix: string }, name) { return load(this.prefix + name); }, { prefix: 'p' }));
}

export async function resultOfPushedList(names: string[]): Promise<string[]> {
  const pending: Promise<string>[] = [];
  for (const name of names) pending.push(load(name));
  return await Promise.all(pending);
}

export async function mustBeSynchronous(): Promise<void> {
  // These commands must be sent synchronously, before the target resumes.
  await Promise.all([load('enable'), load('attach')]);
}
