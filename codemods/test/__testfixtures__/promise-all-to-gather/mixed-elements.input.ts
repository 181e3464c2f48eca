import { sleep } from '@corral/runtime';
import type { TaskGroup } from '@corral/runtime';

declare function load(name: string): Promise<string>;
declare function maybe(): Promise<number> | undefined;
declare const handle: { dispose(): Promise<void> } | undefined;
declare const enabled: boolean;

export type Group = TaskGroup;

export async function mixed(names: string[]): Promise<void> {
  await sleep(1);
  const [config, , extra] = await Promise.all([
    load('config').then((text) => text.trim()),
    (async () => {
      await sleep(10);
      return 42;
    })(),
    enabled && load('extra'),
    handle?.dispose(),
    maybe(),
  ]);
  const lengths: number[] = [config.length, extra ? extra.length : 0];
  const [first, ...rest] = await Promise.all([load('first'), ...names.map((name) => load(name))]);
  void lengths;
  void first;
  void rest;
}

export function notAsync(): Promise<[string, string]> {
  return Promise.all([load('a'), load('b')]);
}

export async function nested(): Promise<[string, [string, string]]> {
  return Promise.all([load('outer'), Promise.all([load('inner-a'), load('inner-b')])]);
}
