declare function load(name: string): Promise<string>;
declare function later(): Promise<void>;

export async function storedPromises(): Promise<void> {
  const first = load('first');
  await Promise.all([first, load('second')]);
}

export async function notAwaitedAtOnce(): Promise<void> {
  const all = Promise.all([load('a'), load('b')]);
  await later();
  await all;
}

export async function unknownSpread(extra: Promise<string>[]): Promise<void> {
  await Promise.all([load('a'), ...extra]);
}

export async function typeArguments(): Promise<void> {
  await Promise.all<[Promise<string>, Promise<string>]>([load('a'), load('b')]);
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

export async function shadowed(): Promise<void> {
  const Promise = { all: async (values: unknown[]) => values };
  await Promise.all([load('a')]);
}
