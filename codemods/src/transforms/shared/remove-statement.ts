/**
 * Deletes a whole statement with its own line: from the start of its line (when only indentation
 * precedes it) through the line break after it. Comments above it stay, because they may speak
 * of the code that follows.
 */
import type { Node } from 'ts-morph';
import type { TextEdit } from '../../transform.js';

/**
 * The edit that removes `statement` (with its JSDoc, which describes only it).
 *
 * @example
 * ```ts
 * edits.push(removeStatement(helperDeclaration, file.getFullText()));
 * ```
 */
export function removeStatement(statement: Node, text: string): TextEdit {
  const start = statement.getStart(true);
  let end = statement.getEnd();
  const rest = /^[^\S\n]*\r?\n/.exec(text.slice(end));
  if (rest) end += rest[0].length;
  let lineStart = start;
  while (lineStart > 0 && (text[lineStart - 1] === ' ' || text[lineStart - 1] === '\t')) lineStart--;
  const atLineStart = lineStart === 0 || text[lineStart - 1] === '\n';
  return { start: atLineStart ? lineStart : start, end, text: '' };
}
