/**
 * Whether reading a variable a moment later (inside a task that starts a microtask after the
 * call) gives the value it has now. The function that reads it is suspended at the `await` in
 * between, so only a nested function (a callback, a listener) could assign it meanwhile.
 */
import { Node, ts, VariableDeclarationKind, type Identifier } from 'ts-morph';
import { isFunctionLike } from './enclosing-function.js';
import { checkerOf } from './program-context.js';

/**
 * True when `identifier` names a `const`, or a `let`/`var`/parameter of the function it is read
 * in that no function nested in it assigns.
 *
 * @example
 * ```ts
 * if (readsTheSameLater(element)) edits.push({ start, end: start, text: '() => ' });
 * ```
 */
export function readsTheSameLater(identifier: Identifier): boolean {
  const symbol = identifier.getSymbol();
  const declarations = symbol?.getDeclarations() ?? [];
  const [declaration] = declarations;
  if (!symbol || declarations.length !== 1 || !declaration) return false;
  if (Node.isVariableDeclaration(declaration)) {
    if (declaration.getVariableStatement()?.getDeclarationKind() === VariableDeclarationKind.Const) return true;
  } else if (!Node.isParameterDeclaration(declaration)) {
    return false;
  }
  const reader = identifier.getFirstAncestor(isFunctionLike);
  if (!reader || declaration.getFirstAncestor(isFunctionLike) !== reader) return false;
  const checker = checkerOf(identifier);
  const target = symbol.compilerSymbol;
  const writes = (node: ts.Node): boolean => writtenNames(node).some((name) => checker.getSymbolAtLocation(name) === target);
  let assignedInside = false;
  const visit = (node: ts.Node, nested: boolean): void => {
    if (assignedInside) return;
    const inner = nested || (node !== reader.compilerNode && (ts.isFunctionLike(node) || ts.isClassLike(node)));
    if (inner && writes(node)) {
      assignedInside = true;
      return;
    }
    ts.forEachChild(node, (child) => visit(child, inner));
  };
  visit(reader.compilerNode, false);
  return !assignedInside;
}

/** The identifiers that `node` assigns: `a = ...`, `a += ...`, `a++`, `[a, b] = ...`. */
function writtenNames(node: ts.Node): ts.Identifier[] {
  let target: ts.Node | undefined;
  if (ts.isBinaryExpression(node) && node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && node.operatorToken.kind <= ts.SyntaxKind.LastAssignment) {
    target = node.left;
  } else if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) && (node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken)) {
    target = node.operand;
  }
  const names: ts.Identifier[] = [];
  const collect = (part: ts.Node): void => {
    if (ts.isIdentifier(part)) names.push(part);
    // `obj.a = ...` writes a property, not the binding `obj`.
    else if (!ts.isPropertyAccessExpression(part) && !ts.isElementAccessExpression(part)) ts.forEachChild(part, collect);
  };
  if (target) collect(target);
  return names;
}
