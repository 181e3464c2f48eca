declare function load(): Promise<void>;
declare function sync(reason: string): Promise<void>;

/** Loads, then syncs in the background. */
export async function refresh(): Promise<void> {
  // Load first: everything else needs it.
  await load();
  // Keep going while the sync runs.
  void /* not awaited on purpose */ sync(
    'refresh', // why
  ); // trailing comment
  /* block comment between statements */
  const banner = `sync
  started`;
  console.log(banner); // last line comment
}
