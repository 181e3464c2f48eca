import { abandonOnCancel, race } from '@corral/runtime';

declare function fetchFrom(mirror: string): Promise<Uint8Array>;

export async function fastest(): Promise<Uint8Array> {
  // Whichever mirror answers first wins.
  return await race(
    () => abandonOnCancel(fetchFrom('eu')), // close
    () => abandonOnCancel(fetchFrom('us')) /* far */,
  );
}
