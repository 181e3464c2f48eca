declare function load(url: string): Promise<string>;
declare function close(id: number): Promise<void>;

export async function mapped(urls: string[]): Promise<string[]> {
  return await Promise.all(/* list */ urls /* the urls */ .map(/* each */ (url) => load(url) /* loaded */) /* done */);
}

export async function fromSet(open: Set<number>): Promise<void> {
  await Promise.all(Array.from(/* all */ open, /* close */ (id) => close(id)));
}

export async function folded(urls: string[]): Promise<string[]> {
  // made just before
  const pending = urls.map(/* fetch */ (url) => load(url)); // pending
  return await Promise.all(pending); // wait
}

export async function pushed(ids: number[]): Promise<void> {
  /* the list */ const closing = []; // starts empty
  for (const id of ids) {
    // one per id
    closing.push(/* close it */ close(id)); // pushed
  }
  /* then */ await Promise.all(closing); /* all closed */
}
