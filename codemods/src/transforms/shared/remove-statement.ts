/**
 * Deletes a whole statement with its own line: from the start of its line (when only indentation
 * precedes it) through the line break after it. Comments above it stay, because they may speak
 * of the code that follows.
 */
import type { Node } from 'ts-morph';
import type { TextEdit } from '../../transform.js';

/**
 * The edit that removes `statement` (with its JSDoc, which describes only it). With
 * `takeBlankLine`, a blank line that would be left doubled goes too.
 *
 * @example
 * ```ts
 * edits.push(removeStatement(helperDeclaration, file.getFullText()));
 * ```
 */
export function removeStatement(statement: Node, text: string, takeBlankLine = true): TextEdit {
  const start = statement.getStart(true);
  let end = statement.getEnd();
  const rest = /^[^\S\n]*\r?\n/.exec(text.slice(end));
  if (rest) end += rest[0].length;
  else end += /^[^\S\n]*/.exec(text.slice(end))?.[0].length ?? 0;
  let lineStart = start;
  while (lineStart > 0 && (text[lineStart - 1] === ' ' || text[lineStart - 1] === '\t')) lineStart--;
  // Only when the whole line goes does its indentation go: a trailing comment keeps its place.
  const atLineStart = rest !== null && (lineStart === 0 || text[lineStart - 1] === '\n');
  // Between blank lines (or at the top of the file), one blank line goes with the statement.
  const blankBefore = lineStart === 0 || /(?:^|\n)[^\S\n]*\r?\n$/.test(text.slice(Math.max(0, lineStart - 200), lineStart));
  const blankAfter = /^[^\S\n]*\r?\n/.exec(text.slice(end));
  if (takeBlankLine && atLineStart && rest && blankBefore && blankAfter) end += blankAfter[0].length;
  return { start: atLineStart ? lineStart : start, end, text: '' };
}
