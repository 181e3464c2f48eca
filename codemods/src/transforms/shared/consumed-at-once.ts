/**
 * Whether a promise is consumed where it is created: awaited, returned, or the body of an arrow
 * function, possibly through `.then`/`.catch`/`.finally` and parentheses. Only then may a
 * rewrite start the work a little later (inside a task) without code of the same function
 * running in between.
 */
import { Node } from 'ts-morph';

const CHAIN_METHODS = new Set(['then', 'catch', 'finally']);

/**
 * True when `expression`'s value is awaited or returned at once.
 *
 * @example
 * ```ts
 * // await Promise.all([a(), b()])       -> true
 * // const p = Promise.all([a(), b()])   -> false (code may run before `await p`)
 * ```
 */
export function isConsumedAtOnce(expression: Node): boolean {
  let current: Node = expression;
  for (;;) {
    const parent = current.getParent();
    if (!parent) return false;
    if (Node.isParenthesizedExpression(parent) || Node.isAsExpression(parent) || Node.isNonNullExpression(parent) || Node.isSatisfiesExpression(parent)) {
      current = parent;
      continue;
    }
    if (Node.isPropertyAccessExpression(parent) && parent.getExpression() === current && CHAIN_METHODS.has(parent.getName())) {
      const call = parent.getParent();
      if (Node.isCallExpression(call) && call.getExpression() === parent) {
        current = call;
        continue;
      }
      return false;
    }
    if (Node.isAwaitExpression(parent)) return true;
    if (Node.isReturnStatement(parent)) return true;
    if (Node.isArrowFunction(parent) && parent.getBody() === current) return true;
    // `await (cond ? Promise.all(...) : x)`: either branch is consumed when the whole is.
    if (Node.isConditionalExpression(parent) && parent.getCondition() !== current) {
      current = parent;
      continue;
    }
    return false;
  }
}
