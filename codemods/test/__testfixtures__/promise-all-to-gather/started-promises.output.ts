import { gather, mapConcurrent } from '@corral/runtime';

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

    await mapConcurrent(closing, (promise) => promise);
  }
}

export async function storedPromise(): Promise<string> {
  const first = load('first');
  const [a, b] = await gather(() => first, () => load('second'));
  return a + b;
}

export async function assignedBefore(enable: boolean): Promise<string> {
  let enabling: Promise<number> | undefined;
  if (enable) enabling = count();
  const [value] = await gather(() => load('value'), () => enabling);
  return value;
}

export async function mixedList(names: string[]): Promise<void> {
  const pending = [];
  pending.push(count());
  for (const name of names) pending.push(load(name));
  pending.length > 0 && console.log('waiting');
  await mapConcurrent(pending, async (promise) => promise);
}

export function chained(pending: Promise<void>[]): Promise<void[] | void> {
  return mapConcurrent(pending, (promise) => promise).catch((error: unknown) => {
    console.error(error);
  });
}

export async function unknownSpread(extra: Promise<string>[]): Promise<void> {
  await mapConcurrent([load('a'), ...extra], (promise) => promise);
}

export async function awaitInside(): Promise<void> {
  await mapConcurrent([load(await load('name')), load('b')], (promise) => promise);
}

export async function thisArg(names: string[]): Promise<void> {
  await mapConcurrent(names.map(function (this: { prefix: string }, name) { return load(this.prefix + name); }, { prefix: 'p' }), (promise) => promise);
}

export async function resultOfPushedList(names: string[]): Promise<string[]> {
  const pending: Promise<string>[] = [];
  for (const name of names) pending.push(load(name));
  return await mapConcurrent(pending, (promise) => promise);
}

export async function mustBeSynchronous(): Promise<void> {
  // These commands must be sent synchronously, before the target resumes.
  await mapConcurrent([load('enable'), load('attach')], (promise) => promise);
}
