/**
 * Whether statements can be moved into a nested function without breaking a reference: a name
 * declared in the moved statements (a `function` or `var` is hoisted, and a closure may read a
 * `const` declared later) must not be referenced by the statements that stay outside.
 *
 * @example
 * ```ts
 * const name = nameUsedBeforeRegion(body.getStatements(), 3);
 * if (name !== undefined) skip(`\`${name}\` is declared in the wrapped part and used before it`);
 * ```
 */
import { Node } from 'ts-morph';
import type { Statement, ts } from 'ts-morph';
import { isFunctionLike } from './enclosing-function.js';

/** A name declared in `statements[from..]` and referenced in `statements[..from]`, if any. */
export function nameUsedBeforeRegion(statements: Statement[], from: number): string | undefined {
  const declared = new Set<ts.Symbol>();
  for (const statement of statements.slice(from)) collectDeclarations(statement, declared, true);
  if (declared.size === 0) return undefined;
  for (const statement of statements.slice(0, from)) {
    let found: string | undefined;
    statement.forEachDescendant((node, traversal) => {
      if (!Node.isIdentifier(node)) return;
      const symbol = node.getSymbol()?.compilerSymbol;
      if (symbol !== undefined && declared.has(symbol)) {
        found = node.getText();
        traversal.stop();
      }
    });
    if (found !== undefined) return found;
  }
  return undefined;
}

function collectDeclarations(node: Node, into: Set<ts.Symbol>, topLevel: boolean): void {
  if (isFunctionLike(node) && !topLevel) {
    // A nested function's own declarations are its own; only its name is declared here.
    if (Node.isFunctionDeclaration(node)) addSymbol(node.getNameNode(), into);
    return;
  }
  if (Node.isVariableDeclaration(node)) {
    node.getNameNode().forEachDescendantAsArray().forEach((part) => addSymbol(part, into));
    addSymbol(node.getNameNode(), into);
  } else if (
    Node.isFunctionDeclaration(node) ||
    Node.isClassDeclaration(node) ||
    Node.isEnumDeclaration(node) ||
    Node.isInterfaceDeclaration(node) ||
    Node.isTypeAliasDeclaration(node)
  ) {
    addSymbol(node.getNameNode(), into);
    if (Node.isFunctionDeclaration(node)) return;
  }
  node.forEachChild((child) => collectDeclarations(child, into, false));
}

function addSymbol(node: Node | undefined, into: Set<ts.Symbol>): void {
  if (node === undefined || !Node.isIdentifier(node)) return;
  const symbol = node.getSymbol()?.compilerSymbol;
  if (symbol !== undefined) into.add(symbol);
}
