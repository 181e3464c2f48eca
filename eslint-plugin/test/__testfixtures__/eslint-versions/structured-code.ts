import { readFileSync } from 'node:fs';
import { failAfter, sleep, withTaskGroup } from '@corral/runtime';

declare function work(): Promise<void>;
declare const state: { ready: boolean };
declare const emitter: { on(event: string, listener: () => void): void };

export async function structured(): Promise<void> {
  readFileSync('config.json');
  await sleep(0);
  while (!state.ready) await sleep(10);
  await failAfter(10, async () => 1);
  await fetch('/');
  await withTaskGroup(async (tg) => {
    await tg.start(async () => {});
    emitter.on('data', () => tg.startSoon(work));
  });
  await withTaskGroup(async (tg) => {
    tg.startSoon(work);
  });
  await withTaskGroup(async (tg) => {
    await using conn = await connect();
    tg.startSoon(handle, conn);
    tg.startSoon(work);
  });
}

interface Conn extends AsyncDisposable {
  read(): Promise<string>;
}
declare function connect(): Promise<Conn>;
declare function handle(conn: Conn): Promise<void>;
