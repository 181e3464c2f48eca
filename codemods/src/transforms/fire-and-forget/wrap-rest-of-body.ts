/**
 * Puts the rest of an async function's body, from the statement that holds the first
 * fire-and-forget call to the end, inside `await withTaskGroup(async (tg) => { ... })`, so the
 * function waits for every task started there. When the moved statements return a value, the
 * group's result becomes the function's: `return await withTaskGroup(...)`. Every moved line of
 * code is indented one level, except lines that begin inside a string or template literal.
 *
 * @example
 * ```ts
 * const group = wrapRestOfBody(fn, [siteExpression], edits);
 * if (typeof group === 'string') skip(group); // the reason it could not be wrapped
 * ```
 */
import { Node } from 'ts-morph';
import type { Expression } from 'ts-morph';
import type { EditBuilder } from '../../analysis/edit-builder.js';
import { isFunctionLike, type FunctionLike } from '../../analysis/enclosing-function.js';
import { codeLineStarts, indentationAt, indentUnit } from '../../analysis/indentation.js';
import { nameUsedBeforeRegion } from '../../analysis/region-declarations.js';
import { narrowingFromOutside } from '../../analysis/outside-narrowing.js';

/** A span whose lines were indented one level deeper by an earlier wrap in the same file. */
export interface IndentedRegion {
  start: number;
  end: number;
  unit: string;
  /** The task group the region runs in. */
  taskGroup: string;
}

/**
 * Adds the wrapping edits and returns the task group's name, or `{ reason }` when it cannot wrap.
 * `indented` lists the regions that enclosing functions already indent (wrap outer functions
 * first); the new region is added to it.
 */
export function wrapRestOfBody(
  fn: FunctionLike,
  sites: Expression[],
  edits: EditBuilder,
  indented: IndentedRegion[],
): string | { reason: string } {
  const body = fn.getBody();
  if (body === undefined || !Node.isBlock(body)) return { reason: 'the function has no block body to wrap' };
  const statements = body.getStatements();
  const from = statements.findIndex((statement) =>
    sites.some((site) => statement.containsRange(site.getStart(), site.getEnd())),
  );
  const first = statements[from];
  const last = statements[statements.length - 1];
  if (first === undefined || last === undefined) return { reason: 'the call is not in the function body' };

  const usedBefore = nameUsedBeforeRegion(statements, from);
  if (usedBefore !== undefined) {
    return {
      reason: `\`${usedBefore}\` is declared in the part of \`${nameOf(fn)}\` that would move into the task group but is used before it`,
    };
  }

  const region = statements.slice(from);
  const enclosing = indented.filter((outer) => first.getStart() > outer.start && first.getStart() < outer.end);
  const narrowed = narrowingFromOutside(region, fn);
  if (narrowed !== undefined) {
    return {
      reason: `\`${narrowed}\` is narrowed before the part of \`${nameOf(fn)}\` that would move into the task group, and a callback would not keep that narrowing`,
    };
  }
  const file = fn.getSourceFile();
  const text = file.getFullText();
  const taskGroup = freshName(fn, enclosing.map((outer) => outer.taskGroup));
  const returnsValue = region.some(returnsAValue);
  const opening = `${returnsValue ? 'return ' : ''}await withTaskGroup(async (${taskGroup}) => {`;

  const lineStart = text.lastIndexOf('\n', first.getStart() - 1) + 1;
  const beforeFirst = text.slice(lineStart, first.getStart());
  if (beforeFirst.trim() !== '') {
    // The body shares a line with other code (`{ void f(); }`): wrap in place, on that line.
    edits.insert(first.getStart(), `${opening} `);
    edits.insert(last.getEnd(), ' });');
    return taskGroup;
  }

  const indent = indentationAt(file, first.getStart());
  const unit = indentUnit(file, body.getStart(), first.getStart());
  // Enclosing wraps indent this line too; their indentation must follow the new line break.
  const outer = enclosing.map((region) => region.unit).join('');
  edits.insert(lineStart, `${indent}${opening}\n${outer}${unit}`);
  indented.push({ start: lineStart, end: last.getEnd(), unit, taskGroup });
  for (const offset of codeLineStarts(file, lineStart, last.getEnd())) edits.insert(offset, unit);

  // A line comment after the last statement stays on its line, inside the group.
  const lineEnd = text.indexOf('\n', last.getEnd());
  const restOfLine = text.slice(last.getEnd(), lineEnd === -1 ? undefined : lineEnd);
  const closeAt = restOfLine.trim().startsWith('//') && lineEnd !== -1 ? lineEnd : last.getEnd();
  edits.insert(closeAt, `\n${outer}${indent}});`);
  return taskGroup;
}

function returnsAValue(statement: Node): boolean {
  let found = false;
  const visit = (node: Node) => {
    if (found || isFunctionLike(node) || Node.isClassDeclaration(node) || Node.isClassExpression(node)) return;
    if (Node.isReturnStatement(node) && node.getExpression() !== undefined) {
      found = true;
      return;
    }
    node.forEachChild(visit);
  };
  visit(statement);
  return found;
}

/** `tg`, unless the function or an enclosing rewrite already uses that name. */
function freshName(fn: FunctionLike, taken: readonly string[]): string {
  const used = new Set<string>(taken);
  fn.forEachDescendant((node) => {
    if (Node.isIdentifier(node)) used.add(node.getText());
  });
  for (const candidate of ['tg', 'taskGroup', 'group']) {
    if (!used.has(candidate)) return candidate;
  }
  let n = 2;
  while (used.has(`tg${n}`)) n++;
  return `tg${n}`;
}

function nameOf(fn: FunctionLike): string {
  return Node.isConstructorDeclaration(fn) ? 'constructor' : (fn.getSymbol()?.getName() ?? 'the function');
}
