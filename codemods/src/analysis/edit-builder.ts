/**
 * Collects the text edits of one transform on one file. Insertions at the same offset are merged
 * in the order they were added, so a caller never produces two edits the engine would have to
 * order; any real overlap is a bug in the caller and throws.
 *
 * @example
 * ```ts
 * const edits = new EditBuilder();
 * edits.insert(10, 'await ');
 * edits.replace(20, 31, 'gather');
 * return { edits: edits.build(), ... };
 * ```
 */
import type { TextEdit } from '../transform.js';

export class EditBuilder {
  // Invariant: no two entries overlap, except zero-width insertions, which are merged by offset.
  readonly #edits: TextEdit[] = [];

  /** The site that the next edits belong to (see `TextEdit.siteId`). */
  siteId: number | undefined;

  insert(offset: number, text: string): void {
    const same = this.#edits.find((edit) => edit.start === offset && edit.end === offset);
    if (same !== undefined) {
      if (same.siteId !== this.siteId) {
        throw new Error(`insertions of two sites at offset ${offset}`);
      }
      same.text += text;
      return;
    }
    this.replace(offset, offset, text);
  }

  replace(start: number, end: number, text: string): void {
    for (const edit of this.#edits) {
      const overlaps = start < edit.end && edit.start < end;
      const sameInsertion = start === end && edit.start === start && edit.end === start;
      if (overlaps || sameInsertion) {
        throw new Error(`overlapping edits at [${start}, ${end}) and [${edit.start}, ${edit.end})`);
      }
    }
    this.#edits.push(this.siteId === undefined ? { start, end, text } : { start, end, text, siteId: this.siteId });
  }

  get size(): number {
    return this.#edits.length;
  }

  /** The edits in file order. */
  build(): TextEdit[] {
    return [...this.#edits].sort((a, b) => a.start - b.start || a.end - b.end);
  }
}
