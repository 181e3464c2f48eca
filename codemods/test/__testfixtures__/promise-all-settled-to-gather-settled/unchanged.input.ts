declare function ping(host: string): Promise<number>;

export async function byReference(hosts: string[]): Promise<number> {
  const outcomes = await Promise.allSettled(hosts.map(ping));
  return outcomes.length;
}

export async function stored(): Promise<number> {
  const first = ping('a');
  const outcomes = await Promise.allSettled([first, ping('b')]);
  return outcomes.length;
}
