/**
 * Whether moving an expression into a closure that runs later would let it see a different
 * value: true when the expression reads a `let`/`var` variable or a parameter that the function
 * assigns anywhere (a loop may assign it again before the closure runs). A `let` declared by a
 * `for` loop and only stepped by that loop's own incrementor is safe: each iteration has its own
 * binding.
 *
 * @example
 * ```ts
 * const name = reassignedCapture(call, fn);
 * if (name !== undefined) skip(`\`${name}\` is assigned again in this function`);
 * ```
 */
import { Node, SyntaxKind, VariableDeclarationKind } from 'ts-morph';
import type { Symbol as MorphSymbol, ts } from 'ts-morph';
import { isFunctionLike } from './enclosing-function.js';
import type { FunctionLike } from './enclosing-function.js';

const ASSIGNMENT_OPERATORS = new Set([
  SyntaxKind.EqualsToken,
  SyntaxKind.PlusEqualsToken,
  SyntaxKind.MinusEqualsToken,
  SyntaxKind.AsteriskEqualsToken,
  SyntaxKind.SlashEqualsToken,
  SyntaxKind.PercentEqualsToken,
  SyntaxKind.AsteriskAsteriskEqualsToken,
  SyntaxKind.LessThanLessThanEqualsToken,
  SyntaxKind.GreaterThanGreaterThanEqualsToken,
  SyntaxKind.GreaterThanGreaterThanGreaterThanEqualsToken,
  SyntaxKind.AmpersandEqualsToken,
  SyntaxKind.BarEqualsToken,
  SyntaxKind.CaretEqualsToken,
  SyntaxKind.AmpersandAmpersandEqualsToken,
  SyntaxKind.BarBarEqualsToken,
  SyntaxKind.QuestionQuestionEqualsToken,
]);

/** The first mutable variable read by `expression` (outside nested functions) that `fn` assigns. */
export function reassignedCapture(expression: Node, fn: FunctionLike): string | undefined {
  const mutable = new Map<ts.Symbol, string>();
  const visit = (node: Node) => {
    if (isFunctionLike(node)) return;
    if (Node.isIdentifier(node) && isMutableBinding(node.getSymbol())) {
      const symbol = node.getSymbol();
      if (symbol !== undefined) mutable.set(symbol.compilerSymbol, node.getText());
    }
    node.forEachChild(visit);
  };
  visit(expression);
  if (mutable.size === 0) return undefined;
  const body = fn.getBody();
  if (body === undefined) return undefined;
  let found: string | undefined;
  body.forEachDescendant((node, traversal) => {
    const target = assignedIdentifier(node);
    if (target === undefined) return;
    const symbol = target.getSymbol();
    if (symbol === undefined || !mutable.has(symbol.compilerSymbol)) return;
    if (isOwnForIncrementor(node, symbol)) return;
    found = mutable.get(symbol.compilerSymbol);
    traversal.stop();
  });
  return found;
}

function isMutableBinding(symbol: MorphSymbol | undefined): boolean {
  for (const declaration of symbol?.getDeclarations() ?? []) {
    if (Node.isParameterDeclaration(declaration)) return true;
    if (Node.isVariableDeclaration(declaration)) {
      const list = declaration.getVariableStatement()?.getDeclarationKind() ?? listKind(declaration);
      if (list !== VariableDeclarationKind.Const) return true;
    }
  }
  return false;
}

function listKind(declaration: Node): VariableDeclarationKind | undefined {
  const list = declaration.getParent();
  return Node.isVariableDeclarationList(list) ? list.getDeclarationKind() : undefined;
}

function assignedIdentifier(node: Node): Node | undefined {
  if (Node.isBinaryExpression(node) && ASSIGNMENT_OPERATORS.has(node.getOperatorToken().getKind())) {
    return identifierTarget(node.getLeft());
  }
  if (Node.isPrefixUnaryExpression(node) || Node.isPostfixUnaryExpression(node)) {
    const operator = node.getOperatorToken();
    if (operator === SyntaxKind.PlusPlusToken || operator === SyntaxKind.MinusMinusToken) {
      return identifierTarget(node.getOperand());
    }
  }
  return undefined;
}

function identifierTarget(node: Node): Node | undefined {
  let current = node;
  while (Node.isParenthesizedExpression(current)) current = current.getExpression();
  return Node.isIdentifier(current) ? current : undefined;
}

function isOwnForIncrementor(write: Node, symbol: MorphSymbol): boolean {
  const loop = write.getFirstAncestorByKind(SyntaxKind.ForStatement);
  if (loop === undefined) return false;
  const incrementor = loop.getIncrementor();
  if (incrementor === undefined || !incrementor.containsRange(write.getPos(), write.getEnd())) {
    return false;
  }
  const initializer = loop.getInitializer();
  return (
    initializer !== undefined &&
    Node.isVariableDeclarationList(initializer) &&
    initializer.getDeclarationKind() === VariableDeclarationKind.Let &&
    initializer.getDeclarations().some((d) => d.getSymbol()?.compilerSymbol === symbol.compilerSymbol)
  );
}
