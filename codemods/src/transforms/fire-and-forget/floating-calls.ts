/**
 * Finds the fire-and-forget calls of a file: an expression statement whose value is a promise
 * that nobody awaits (`f();`, `f().catch(log);`), a `void` of such a call, and, as sites that are
 * only reported, a `void` of a promise used inside a larger expression (`() => void f()`).
 * Promise-ness comes from the type checker, never from a name.
 *
 * @example
 * ```ts
 * for (const site of findFloatingCalls(file)) console.log(site.call.getText());
 * ```
 */
import { Node, SyntaxKind } from 'ts-morph';
import type { CallExpression, Expression, ExpressionStatement, SourceFile, VoidExpression } from 'ts-morph';
import { skipParentheses } from '../../analysis/endless-loop.js';
import { isPromiseLike } from '../../analysis/promise-type.js';

export interface FloatingCall {
  /** The statement that holds the call; undefined when `void` sits inside an expression. */
  statement: ExpressionStatement | undefined;
  /** The statement's whole expression (`void f()` or `f().catch(log)`). */
  expression: Expression;
  /** What the task runs: the operand of `void`, or the whole expression. */
  operand: Expression;
  /** The `void` expression, when there is one. */
  voidExpression: VoidExpression | undefined;
  /** The call that makes the promise. */
  call: CallExpression;
}

export function findFloatingCalls(file: SourceFile): FloatingCall[] {
  const sites: FloatingCall[] = [];
  file.forEachDescendant((node) => {
    if (Node.isExpressionStatement(node)) {
      const site = floatingStatement(node);
      if (site !== undefined) sites.push(site);
      return;
    }
    if (Node.isVoidExpression(node) && !isStatementExpression(node)) {
      const call = skipParentheses(node.getExpression());
      if (Node.isCallExpression(call) && isPromiseLike(call.getType())) {
        sites.push({ statement: undefined, expression: node, operand: node.getExpression(), call, voidExpression: node });
      }
    }
  });
  return sites;
}

function floatingStatement(statement: ExpressionStatement): FloatingCall | undefined {
  const expression = statement.getExpression();
  const inner = skipParentheses(expression);
  const operand = Node.isVoidExpression(inner) ? inner.getExpression() : expression;
  const call = skipParentheses(operand);
  // Cheap syntax first: only calls can start work; only then ask the checker for the type.
  if (!Node.isCallExpression(call)) return undefined;
  if (call.getExpression().getKind() === SyntaxKind.SuperKeyword) return undefined;
  if (!isPromiseLike(call.getType())) return undefined;
  return { statement, expression, operand, call, voidExpression: Node.isVoidExpression(inner) ? inner : undefined };
}

function isStatementExpression(node: Node): boolean {
  let current = node.getParent();
  while (current !== undefined && Node.isParenthesizedExpression(current)) current = current.getParent();
  return current !== undefined && Node.isExpressionStatement(current);
}
