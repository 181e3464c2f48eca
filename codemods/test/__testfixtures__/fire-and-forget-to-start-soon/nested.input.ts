declare function flush(): Promise<void>;
declare function save(name: string): Promise<void>;

export async function outer(names: string[]): Promise<number> {
  void flush();
  const inner = async (name: string): Promise<void> => {
    void save(name);
    await flush();
  };
  for (const name of names) {
    await inner(name);
  }
  return names.length;
}
