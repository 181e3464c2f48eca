import { setTimeout as delay } from 'node:timers/promises';

declare function poll(): Promise<number>;

export async function latest(): Promise<number | undefined> {
  const value = await Promise.race([/* resolves with nothing */ new Promise<void>((resolve) => setTimeout(resolve, 250)), poll()]);
  return value ?? undefined;
}

export async function viaTimersPromises(): Promise<number | void> {
  return Promise.race([poll(), delay(500)]);
}
