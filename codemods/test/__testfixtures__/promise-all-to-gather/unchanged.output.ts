declare function load(name: string): Promise<string>;
declare function count(): Promise<number>;
declare function later(): Promise<void>;
declare function onChange(listener: () => void): void;

export async function notAwaitedAtOnce(): Promise<void> {
  const all = Promise.all([load('a'), load('b')]);
  await later();
  await all;
}

export async function typeArguments(): Promise<void> {
  await Promise.all<[Promise<string>, Promise<string>]>([load('a'), load('b')]);
}

export async function tupleResultUsed(pair: [Promise<string>, Promise<number>]): Promise<number> {
  // The promises already run, and mapConcurrent's array would lose the tuple's element types.
  const [name, size] = await Promise.all(pair);
  return name.length + size;
}

export async function writtenByCallback(): Promise<number> {
  let current = load('a');
  onChange(() => {
    current = load('b');
  });
  // A task reading `current` a moment later could see the listener's promise.
  const [name, size] = await Promise.all([current, count()]);
  return name.length + size;
}

export async function shadowed(): Promise<void> {
  const Promise = { all: async (values: unknown[]) => values };
  await Promise.all([load('a')]);
}
