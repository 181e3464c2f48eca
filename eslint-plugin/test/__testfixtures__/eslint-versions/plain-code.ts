// No Corral import: only the type-aware leak check applies here.
declare function save(id: number): Promise<void>;

export function fireAndForget(): void {
  void save(1);
  [1, 2].forEach(async (id) => {
    await save(id);
  });
  void Promise.all([save(2), save(3)]).catch(() => undefined);
}
