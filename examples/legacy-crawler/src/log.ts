import { appendFile } from 'node:fs/promises';

/**
 * A line logger that appends to a file. Callers do not wait for it: a log line must never slow
 * the crawl down.
 */
export class Logger {
  constructor(private readonly file: string | undefined) {}

  async info(message: string): Promise<void> {
    if (this.file === undefined) return;
    await appendFile(this.file, `${new Date().toISOString()} ${message}\n`);
  }
}
