import { setTimeout as timeout } from 'node:timers/promises';

export async function withValue(): Promise<string> {
  return new Promise<string>((resolve) => setTimeout(resolve, 10, 'done'));
}

export async function withSignal(signal: AbortSignal): Promise<void> {
  await timeout(10, undefined, { signal });
}

export async function resolvesValue(): Promise<string> {
  return timeout(10, 'late');
}

export async function notASleep(): Promise<void> {
  await new Promise<void>((resolve) => {
    setTimeout(resolve, 10);
    console.log('scheduled');
  });
}

export async function shadowed(setTimeout: (fn: () => void, ms: number) => void): Promise<void> {
  await new Promise<void>((resolve) => setTimeout(resolve, 10));
}

export function typedByContext(): Promise<string | void> {
  return new Promise((resolve) => setTimeout(resolve, 10));
}
