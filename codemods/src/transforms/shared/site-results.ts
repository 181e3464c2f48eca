/**
 * Small builder for a transform's result: one numbered site per rewrite, so the engine can drop a
 * whole site when another transform touched the same text.
 */
import type { Node } from 'ts-morph';
import type { Change, Skip, TextEdit, TransformResult } from '../../transform.js';

/**
 * Collects sites, edits, changes, skips and imports of one transform in one file.
 *
 * @example
 * ```ts
 * const out = new SiteResults('promise-all-to-gather', ctx.filePath);
 * out.skip(call, 'Promise.all', 'the list is built earlier');
 * return out.result();
 * ```
 */
export class SiteResults {
  // Invariant: `sites` equals the number of calls to `migrate` plus calls to `skip`.
  private sites = 0;
  private readonly edits: TextEdit[] = [];
  private readonly changes: Change[] = [];
  private readonly skips: Skip[] = [];
  private readonly imports = new Set<string>();

  constructor(
    private readonly transform: string,
    private readonly file: string,
  ) {}

  /** Records a rewritten site with its edits and the imports they use. */
  migrate(node: Node, pattern: string, edits: readonly TextEdit[], imports: readonly string[], message: string, semantic?: Change['semantic'], functionName?: string): void {
    const siteId = this.sites++;
    for (const edit of edits) this.edits.push({ ...edit, siteId });
    for (const name of imports) this.imports.add(name);
    const change: Change = { transform: this.transform, file: this.file, line: lineOf(node), message, pattern, siteId };
    if (semantic) change.semantic = semantic;
    if (functionName) change.functionName = functionName;
    this.changes.push(change);
  }

  /** Adds an edit to the site recorded last (an import that its rewrite made unused, ...). */
  addToLastSite(edit: TextEdit): void {
    this.edits.push({ ...edit, siteId: this.sites - 1 });
  }

  /** Records a site left alone, with the reason. */
  skip(node: Node, pattern: string, reason: string): void {
    this.sites++;
    this.skips.push({ transform: this.transform, file: this.file, line: lineOf(node), pattern, reason });
  }

  result(): TransformResult {
    return { edits: this.edits, changes: this.changes, skips: this.skips, imports: [...this.imports], sites: this.sites };
  }
}

/**
 * The 1-based line where `node` starts, from the compiler's line map of the file (computed once
 * per file), not by counting the line breaks before it again for every site.
 */
function lineOf(node: Node): number {
  return node.getSourceFile().compilerNode.getLineAndCharacterOfPosition(node.getStart()).line + 1;
}
