/**
 * The contract between the engine and every transform.
 *
 * A transform only analyses: it reads the syntax tree and the type checker and returns text
 * edits on the file's original text. The engine applies every edit of a file in one batch, so
 * every byte outside the edited spans (comments, blank lines, formatting) is kept, and type
 * queries never interleave with tree manipulation.
 *
 * @example
 * ```ts
 * import type { Transform } from './transform.js';
 *
 * export const renameFoo: Transform = {
 *   name: 'rename-foo',
 *   summary: 'Renames foo() calls to bar().',
 *   run(file, ctx) {
 *     return { edits: [], changes: [], skips: [], imports: [], sites: 0 };
 *   },
 * };
 * ```
 */
import type { SourceFile } from 'ts-morph';

/**
 * A replacement of original-text offsets [start, end) by `text`. Edits never overlap within one
 * file.
 *
 * @example
 * ```ts
 * const edit: TextEdit = { start: 10, end: 21, text: 'gather' };
 * ```
 */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
  /**
   * Edits (and the change) of one rewritten site share a `siteId`, unique within one transform's
   * result, so that when another transform's edit overlaps one of them the engine drops the whole
   * site, never half of it. Without it, a conflict drops every edit of the transform in the file.
   */
  siteId?: number;
}

/**
 * One rewrite, for the report. `semantic` names a behaviour change (e.g. 'now-waits': the
 * function now waits for work it used to leave running).
 *
 * @example
 * ```ts
 * const change: Change = {
 *   transform: 'promise-all-to-gather',
 *   file: 'src/a.ts',
 *   line: 12,
 *   message: 'Promise.all over 2 calls -> gather',
 *   semantic: 'cancels-siblings',
 * };
 * ```
 */
export interface Change {
  transform: string;
  file: string;
  line: number;
  message: string;
  /**
   * `awaits-started`: promises made before the call are now awaited in tasks; their work starts
   * where it did, outside any group, and cannot be cancelled.
   */
  semantic?: 'now-waits' | 'cancels-siblings' | 'awaits-started' | 'other';
  functionName?: string;
  /** The pattern migrated (same vocabulary as `Skip.pattern`, e.g. 'Promise.all'), for coverage counts. */
  pattern?: string;
  /** The site this change belongs to (see `TextEdit.siteId`). */
  siteId?: number;
}

/**
 * One site of a pattern left alone, with the reason, for the report.
 *
 * @example
 * ```ts
 * const skip: Skip = {
 *   transform: 'promise-all-to-gather',
 *   file: 'src/a.ts',
 *   line: 40,
 *   pattern: 'Promise.all',
 *   reason: 'element 2 is a promise created earlier (already running)',
 * };
 * ```
 */
export interface Skip {
  transform: string;
  file: string;
  line: number;
  pattern: string;
  reason: string;
}

/**
 * What one transform found in one file.
 *
 * @example
 * ```ts
 * const nothing: TransformResult = { edits: [], changes: [], skips: [], imports: [], sites: 0 };
 * ```
 */
export interface TransformResult {
  edits: TextEdit[];
  changes: Change[];
  skips: Skip[];
  /**
   * names to import from '@corral/runtime' (`'gather'`, or `'sleep as corralSleep'` where the
   * plain name is taken in the file); the engine imports only those that a kept edit uses
   */
  imports: string[];
  /** sites of the pattern seen (migrated + skipped), for coverage */
  sites: number;
}

/**
 * Where the file being transformed lives.
 *
 * @example
 * ```ts
 * const ctx: TransformContext = { filePath: '/repo/src/a.ts', projectRoot: '/repo' };
 * ```
 */
export interface TransformContext {
  filePath: string;
  projectRoot: string;
}

/**
 * A named rewrite that the engine can run over a file.
 *
 * @example
 * ```ts
 * const t: Transform = { name: 'noop', summary: 'Does nothing.', run: () => emptyResult() };
 * ```
 */
export interface Transform {
  name: string;
  summary: string;
  /**
   * Texts of which a file must contain at least one for this transform to find any site there
   * (`['Promise.all']`); the engine neither parses such a file for editing nor runs the
   * transform on it otherwise. Without it, every file is analysed.
   */
  mentions?: readonly string[];
  run(file: SourceFile, ctx: TransformContext): TransformResult;
}

/**
 * Whether `transform` may find a site in a file with this text (see {@link Transform.mentions}).
 *
 * @example
 * ```ts
 * if (mayApply(transform, text)) results.push(transform.run(file, ctx));
 * ```
 */
export function mayApply(transform: Transform, text: string): boolean {
  return transform.mentions === undefined || transform.mentions.some((mention) => text.includes(mention));
}

/**
 * A result with nothing in it, for transforms that found no site.
 *
 * @example
 * ```ts
 * if (!file.getFullText().includes('Promise.')) return emptyResult();
 * ```
 */
export function emptyResult(): TransformResult {
  return { edits: [], changes: [], skips: [], imports: [], sites: 0 };
}
