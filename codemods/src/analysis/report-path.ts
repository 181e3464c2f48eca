/**
 * The path a report names a file by: relative to the project root, with forward slashes.
 *
 * @example
 * ```ts
 * relativeFile(file, { filePath: '/repo/src/a.ts', projectRoot: '/repo' }); // 'src/a.ts'
 * ```
 */
import { relative, sep } from 'node:path';
import type { SourceFile } from 'ts-morph';
import type { TransformContext } from '../transform.js';

export function relativeFile(file: SourceFile, ctx: TransformContext): string {
  const path = relative(ctx.projectRoot, ctx.filePath || file.getFilePath());
  return path.split(sep).join('/');
}
