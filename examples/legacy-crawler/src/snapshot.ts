import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { metrics } from './metrics.js';

/**
 * Pages are written into `<dir>.partial` while the crawl runs, and the folder is renamed to `dir`
 * when the crawl succeeds, so a reader never sees half a snapshot.
 */
export class Snapshot {
  readonly partialDir: string;

  constructor(readonly dir: string) {
    this.partialDir = `${dir}.partial`;
  }

  async open(): Promise<void> {
    await rm(this.partialDir, { recursive: true, force: true });
    await mkdir(this.partialDir, { recursive: true });
  }

  async write(url: string, body: string): Promise<void> {
    const name = new URL(url).pathname.replace(/[^a-z0-9]+/gi, '_') || '_';
    try {
      await writeFile(`${this.partialDir}/${name}.html`, body);
    } catch (error) {
      metrics.errorRaised(error);
      throw error;
    }
  }

  async commit(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
    await rename(this.partialDir, this.dir);
  }

  async discard(): Promise<void> {
    await rm(this.partialDir, { recursive: true, force: true });
  }
}
