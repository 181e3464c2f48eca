/**
 * Whether code moved into a new closure would lose a narrowing the type checker made before it:
 * narrowings of property accesses (`options.logger ??= fallback; use(options.logger)`) never
 * reach into a function expression, and narrowings of `let` variables and parameters only do
 * when nothing assigns them later. A reference that is narrowed where it stands, with no earlier
 * mention inside the moved code that could have narrowed it there, is reported.
 *
 * @example
 * ```ts
 * const lost = narrowingFromOutside(statements.slice(from), fn);
 * if (lost !== undefined) skip(`\`${lost}\` is narrowed before the wrapped part`);
 * ```
 */
import { Node, SyntaxKind } from 'ts-morph';
import type { Statement, ts } from 'ts-morph';
import { isFunctionLike, type FunctionLike } from './enclosing-function.js';
import { checkerOf } from './program-context.js';

/** The text of the first reference in `region` that relies on a narrowing made before it. */
export function narrowingFromOutside(region: readonly Statement[], fn: FunctionLike): string | undefined {
  const first = region[0];
  if (first === undefined) return undefined;
  const regionStart = first.getStart();
  const text = first.getSourceFile().getFullText();
  const checker = checkerOf(fn);
  const assigned = assignedSymbols(region);
  let found: string | undefined;
  for (const statement of region) {
    statement.forEachDescendant((node, traversal) => {
      if (found !== undefined) return traversal.stop();
      if (isFunctionLike(node)) return traversal.skip();
      const isAccess = Node.isPropertyAccessExpression(node);
      if (!isAccess && !Node.isIdentifier(node)) return;
      if (Node.isIdentifier(node) && !isMutableReference(node, assigned)) return;
      if (isWritten(node)) return;
      const symbol = checker.getSymbolAtLocation(isAccess ? node.getNameNode().compilerNode : node.compilerNode);
      if (symbol === undefined) return;
      const declared = checker.typeToString(checker.getTypeOfSymbol(symbol));
      const here = checker.typeToString(checker.getTypeAtLocation(node.compilerNode));
      if (declared === here) return;
      const reference = node.getText();
      if (text.slice(regionStart, node.getStart()).includes(reference)) return;
      found = reference;
    });
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Whether `identifier` is a `let`/`var`/parameter that the moved code assigns (narrowing then stops at the closure). */
function isMutableReference(identifier: Node, assigned: ReadonlySet<ts.Symbol>): boolean {
  const parent = identifier.getParent();
  if (parent !== undefined && Node.isPropertyAccessExpression(parent) && parent.getNameNode() === identifier) return false;
  const symbol = identifier.getSymbol()?.compilerSymbol;
  return symbol !== undefined && assigned.has(symbol);
}

function assignedSymbols(region: readonly Statement[]): Set<ts.Symbol> {
  const symbols = new Set<ts.Symbol>();
  for (const statement of region) {
    statement.forEachDescendant((node) => {
      if (Node.isBinaryExpression(node)) {
        const kind = node.getOperatorToken().getKind();
        if (kind < SyntaxKind.FirstAssignment || kind > SyntaxKind.LastAssignment) return;
        const left = node.getLeft();
        const symbol = Node.isIdentifier(left) ? left.getSymbol()?.compilerSymbol : undefined;
        if (symbol !== undefined) symbols.add(symbol);
      }
    });
  }
  return symbols;
}

function isWritten(node: Node): boolean {
  const parent = node.getParent();
  return parent !== undefined && Node.isBinaryExpression(parent) && parent.getLeft() === node && parent.getOperatorToken().getKind() === SyntaxKind.EqualsToken;
}
