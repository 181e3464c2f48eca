import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { setTimeout as delay } from 'node:timers/promises';

/**
 * Runs `body` while holding a lock made of a directory (mkdir is atomic), so that the vitest
 * projects, which run in parallel processes, never prepare the same corpus twice at once. A lock
 * left by a process that no longer exists is taken over.
 *
 * @example
 * await withDirectoryLock('/repo/test/.cache/corpora/mongodb.lock', () => prepare());
 */
export async function withDirectoryLock<T>(lockPath: string, body: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      await mkdir(lockPath);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (!(await holderIsAlive(lockPath))) {
        await rm(lockPath, { recursive: true, force: true });
        continue;
      }
      await delay(500);
    }
  }
  try {
    await writeFile(`${lockPath}/pid`, String(process.pid));
    return await body();
  } finally {
    await rm(lockPath, { recursive: true, force: true });
  }
}

async function holderIsAlive(lockPath: string): Promise<boolean> {
  let pid: number;
  try {
    pid = Number(await readFile(`${lockPath}/pid`, 'utf8'));
  } catch {
    // The holder has made the directory but not yet written its pid; a holder that died in that
    // instant would leave the lock forever, so an old pid-less lock counts as abandoned.
    const made = await stat(lockPath).catch(() => undefined);
    return made !== undefined && Date.now() - made.mtimeMs < 30_000;
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
