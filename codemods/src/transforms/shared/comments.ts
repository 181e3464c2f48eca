/**
 * Keeps comments alive when a rewrite replaces a span of code: the comments found in the span
 * (outside the parts that are copied into the new text anyway) are gathered so the rewrite can
 * put them back in front of the new code.
 */
import { ts } from 'ts-morph';

/**
 * The comments in `text[start, end)` that lie outside every `[s, e)` of `kept`, each rendered as
 * it was, followed by a space (a `//` comment becomes a `/* *\/` one so code can follow it).
 *
 * @example
 * ```ts
 * const before = commentsOutside(text, site.getStart(), site.getEnd(), [[ms.getStart(), ms.getEnd()]]);
 * edits.push({ start, end, text: `${before}sleep(${ms.getText()})` });
 * ```
 */
export function commentsOutside(text: string, start: number, end: number, kept: readonly (readonly [number, number])[] = []): string {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard, text, undefined, start, end - start);
  const found: string[] = [];
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (kind !== ts.SyntaxKind.SingleLineCommentTrivia && kind !== ts.SyntaxKind.MultiLineCommentTrivia) continue;
    const from = scanner.getTokenStart();
    const to = scanner.getTokenEnd();
    if (kept.some(([s, e]) => from >= s && to <= e)) continue;
    const comment = text.slice(from, to);
    found.push(kind === ts.SyntaxKind.SingleLineCommentTrivia ? `/* ${comment.slice(2).trim().replace(/\*\//g, '* /')} */` : comment);
  }
  return found.map((comment) => `${comment} `).join('');
}
