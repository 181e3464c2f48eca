/**
 * Writes a file so that a reader, or an interrupted run, sees either the old content or the new
 * one, never half of it: the text goes to a temporary file in the same directory (same file
 * system, so the rename is atomic), which then replaces the original.
 */
import { chmodSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Replaces `filePath` with `text` atomically, keeping the file's permission bits.
 *
 * @example
 * ```ts
 * writeFileAtomic('/repo/src/a.ts', 'export const a = 1;\n');
 * ```
 */
export function writeFileAtomic(filePath: string, text: string): void {
  const directory = path.dirname(filePath);
  const temporary = path.join(directory, `.${path.basename(filePath)}.corral-migrate-${process.pid}-${Date.now()}.tmp`);
  const mode = statSync(filePath).mode & 0o7777;
  try {
    writeFileSync(temporary, text, { flag: 'wx', mode });
    chmodSync(temporary, mode);
    renameSync(temporary, filePath);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
