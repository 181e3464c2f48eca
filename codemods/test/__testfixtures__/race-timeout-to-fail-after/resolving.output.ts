import { abandonOnCancel, moveOnAfter } from '@corral/runtime';

declare function poll(): Promise<number>;

export async function latest(): Promise<number | undefined> {
  const value = await moveOnAfter(/* resolves with nothing */ 250, () => abandonOnCancel(poll()));
  return value ?? undefined;
}

export async function viaTimersPromises(): Promise<number | void> {
  return moveOnAfter(500, () => abandonOnCancel(poll()));
}
