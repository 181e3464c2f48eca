declare function load(name: string): Promise<string>;

/** A local helper that happens to be called like the runtime's function. */
function gather(parts: string[]): string {
  return parts.join('');
}

export async function both(): Promise<string> {
  const [a, b] = await Promise.all([load('a'), load('b')]);
  return gather([a, b]);
}
