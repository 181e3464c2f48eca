import { mapConcurrent, withTaskGroup } from '@corral/runtime';

declare function load(url: string): Promise<string>;
declare function close(id: number): Promise<void>;

export async function mapped(urls: string[]): Promise<string[]> {
  return await mapConcurrent(/* list */ urls, /* the urls */ /* each */ (url) => load(url) /* loaded */ /* done */);
}

export async function fromSet(open: Set<number>): Promise<void> {
  await mapConcurrent(open, /* all */ /* close */ (id) => close(id));
}

export async function folded(urls: string[]): Promise<string[]> {
  // made just before
  // pending
  return await mapConcurrent(/* fetch */ urls, (url) => load(url)); // wait
}

export async function pushed(ids: number[]): Promise<void> {
  /* the list */ await withTaskGroup(async (tg) => { // starts empty
    for (const id of ids) {
      // one per id
      tg.startSoon(/* close it */ () => close(id)); // pushed
    }
  /* then */ }); /* all closed */
}
