/**
 * Applies text edits to a file's original text in one pass, and settles conflicts between
 * transforms: the transform that runs first keeps its site, and a later site that touches the
 * same text is dropped whole and reported as a skip.
 */
import type { Change, Skip, TextEdit, TransformResult } from '../transform.js';

/** One transform's result in one file, tagged with the transform's name. */
export interface NamedResult {
  transform: string;
  result: TransformResult;
}

/** The edits, changes and skips that survive conflict resolution, in the file's order. */
export interface SettledEdits {
  edits: TextEdit[];
  changes: Change[];
  skips: Skip[];
}

/** How the reason of a skip made by a conflict between transforms begins. */
export const CONFLICT_PREFIX = 'overlaps a rewrite by ';

/** Whether two edits touch the same text (two insertions at one point count as touching). */
function overlaps(a: TextEdit, b: TextEdit): boolean {
  if (a.start === a.end && b.start === b.end) return a.start === b.start;
  if (a.start === a.end) return a.start > b.start && a.start < b.end;
  if (b.start === b.end) return b.start > a.start && b.start < a.end;
  return a.start < b.end && b.start < a.end;
}

/**
 * Merges the results of several transforms on one file. Results are taken in order; a site
 * (edits sharing a `siteId`, or all of a result's edits when they carry none) whose edits overlap
 * an edit already kept is dropped with its change, and a skip says why.
 *
 * @example
 * ```ts
 * const settled = settleEdits('src/a.ts', text, [{ transform: 'x', result }]);
 * const output = applyEdits(text, settled.edits);
 * ```
 */
export function settleEdits(file: string, text: string, results: readonly NamedResult[]): SettledEdits {
  const kept: TextEdit[] = [];
  const owners: string[] = [];
  const changes: Change[] = [];
  const skips: Skip[] = [];

  for (const { transform, result } of results) {
    const sites = new Map<number | 'all', TextEdit[]>();
    for (const edit of result.edits) {
      const key = edit.siteId ?? 'all';
      const list = sites.get(key) ?? [];
      list.push(edit);
      sites.set(key, list);
    }
    const dropped = new Set<number | 'all'>();
    for (const [key, edits] of sites) {
      const clashIndex = kept.findIndex((other) => edits.some((edit) => overlaps(edit, other)));
      if (clashIndex !== -1) {
        dropped.add(key);
        const first = edits.reduce((a, b) => (a.start <= b.start ? a : b));
        skips.push({
          transform,
          file,
          line: lineOf(text, first.start),
          pattern: changeFor(result.changes, key)?.pattern ?? transform,
          reason: `${CONFLICT_PREFIX}${owners[clashIndex] ?? 'another transform'}, which ran first`,
        });
        continue;
      }
      for (const edit of edits) {
        kept.push(edit);
        owners.push(transform);
      }
    }
    for (const change of result.changes) {
      const key = change.siteId ?? 'all';
      if (!dropped.has(key) && !dropped.has('all')) changes.push(change);
    }
    skips.push(...result.skips);
  }
  return { edits: kept, changes, skips };
}

function changeFor(changes: readonly Change[], key: number | 'all'): Change | undefined {
  return key === 'all' ? changes[0] : changes.find((change) => change.siteId === key);
}

/**
 * The 1-based line of `offset` in `text`.
 *
 * @example
 * ```ts
 * lineOf('a\nb', 2); // 2
 * ```
 */
export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * Applies non-overlapping edits to `text`, all at once, on original offsets. Insertions at the
 * same point keep the order in which they were given.
 *
 * @example
 * ```ts
 * applyEdits('Promise.all([a()])', [{ start: 0, end: 11, text: 'gather' }]);
 * ```
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const ordered = edits
    .map((edit, index) => ({ edit, index }))
    .sort((a, b) => a.edit.start - b.edit.start || a.edit.end - b.edit.end || a.index - b.index);
  let output = '';
  let cursor = 0;
  for (const { edit } of ordered) {
    if (edit.start < cursor || edit.end < edit.start || edit.end > text.length) {
      throw new RangeError(`edit [${edit.start}, ${edit.end}) overlaps another edit or lies outside the text`);
    }
    output += text.slice(cursor, edit.start) + edit.text;
    cursor = edit.end;
  }
  return output + text.slice(cursor);
}
