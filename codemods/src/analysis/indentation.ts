/**
 * Indentation helpers for rewrites that put existing statements one level deeper: the offsets
 * where a line of code starts inside a span, leaving out lines that begin inside a template
 * literal or string (indenting those would change the string's value) and blank lines.
 *
 * @example
 * ```ts
 * for (const offset of codeLineStarts(file, start, end)) edits.insert(offset, '  ');
 * ```
 */
import { Node } from 'ts-morph';
import type { SourceFile } from 'ts-morph';

/** Offsets of the line starts in (start, end) that begin a line of code, in order. */
export function codeLineStarts(file: SourceFile, start: number, end: number): number[] {
  const text = file.getFullText();
  const literalSpans = multilineLiteralSpans(file, start, end);
  const starts: number[] = [];
  for (let at = text.indexOf('\n', start); at !== -1 && at + 1 < end; at = text.indexOf('\n', at + 1)) {
    const lineStart = at + 1;
    const lineEnd = text.indexOf('\n', lineStart);
    const line = text.slice(lineStart, lineEnd === -1 ? text.length : lineEnd);
    if (line.trim() === '') continue;
    if (literalSpans.some(([from, to]) => lineStart > from && lineStart < to)) continue;
    starts.push(lineStart);
  }
  return starts;
}

/** The whitespace that starts the line holding `offset`. */
export function indentationAt(file: SourceFile, offset: number): string {
  const text = file.getFullText();
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
}

/** One level of indentation as the file writes it, guessed from a block and its first statement. */
export function indentUnit(file: SourceFile, outer: number, inner: number): string {
  const outerIndent = indentationAt(file, outer);
  const innerIndent = indentationAt(file, inner);
  if (innerIndent.startsWith(outerIndent) && innerIndent.length > outerIndent.length) {
    return innerIndent.slice(outerIndent.length);
  }
  return innerIndent.startsWith('\t') ? '\t' : '  ';
}

function multilineLiteralSpans(file: SourceFile, start: number, end: number): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  file.forEachDescendant((node, traversal) => {
    if (node.getEnd() <= start || node.getStart() >= end) {
      traversal.skip();
      return;
    }
    if (
      Node.isNoSubstitutionTemplateLiteral(node) ||
      Node.isTemplateHead(node) ||
      Node.isTemplateMiddle(node) ||
      Node.isTemplateTail(node) ||
      Node.isStringLiteral(node)
    ) {
      if (node.getText().includes('\n')) spans.push([node.getStart(), node.getEnd()]);
    }
  });
  return spans;
}
