import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { isCorralExport } from './corral-imports.js';
import { descendants } from './own-body.js';

/**
 * Whether `node` checks that the error bound to `name` is a cancellation: `isCancelled(name)` or
 * `name instanceof Cancelled`, with both names imported from @corral/runtime.
 */
export function isCancellationCheck(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node, name: string): boolean {
  if (node.type === AST_NODE_TYPES.CallExpression) {
    const [argument] = node.arguments;
    return argument?.type === AST_NODE_TYPES.Identifier && argument.name === name && isCorralExport(sourceCode, node.callee, 'isCancelled');
  }
  return (
    node.type === AST_NODE_TYPES.BinaryExpression &&
    node.operator === 'instanceof' &&
    node.left.type === AST_NODE_TYPES.Identifier &&
    node.left.name === name &&
    isCorralExport(sourceCode, node.right, 'Cancelled')
  );
}

/** Whether `node` is `throw name`. */
export function isRethrowOf(node: TSESTree.Node, name: string): boolean {
  return node.type === AST_NODE_TYPES.ThrowStatement && node.argument.type === AST_NODE_TYPES.Identifier && node.argument.name === name;
}

/** Whether `node` is `Promise.reject(name)`, which rethrows from an async function or a handler. */
function isRejectOf(node: TSESTree.Node, name: string): boolean {
  if (node.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = node.callee;
  const [argument] = node.arguments;
  return (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    !callee.computed &&
    callee.object.type === AST_NODE_TYPES.Identifier &&
    callee.object.name === 'Promise' &&
    callee.property.type === AST_NODE_TYPES.Identifier &&
    callee.property.name === 'reject' &&
    argument?.type === AST_NODE_TYPES.Identifier &&
    argument.name === name
  );
}

/**
 * Whether a handler body lets a cancellation through: somewhere in its own code (nested
 * functions excluded) it rethrows the caught value (`throw e` or `return Promise.reject(e)`, on
 * any path) or checks it with `isCancelled(e)` / `e instanceof Cancelled`.
 */
export function letsCancellationThrough(sourceCode: Readonly<TSESLint.SourceCode>, body: TSESTree.Node, name: string): boolean {
  for (const node of descendants(sourceCode, body, true)) {
    if (isRethrowOf(node, name) || isRejectOf(node, name) || isCancellationCheck(sourceCode, node, name)) return true;
  }
  return false;
}

/**
 * Whether `statement` is the guard `if (isCancelled(e)) throw e;` (with or without braces):
 * code after it runs only for errors that are not cancellations.
 */
export function isCancellationGuard(sourceCode: Readonly<TSESLint.SourceCode>, statement: TSESTree.Statement, name: string): boolean {
  if (statement.type !== AST_NODE_TYPES.IfStatement || statement.alternate !== null) return false;
  if (!isCancellationCheck(sourceCode, statement.test, name)) return false;
  const consequent = statement.consequent;
  if (isRethrowOf(consequent, name)) return true;
  return consequent.type === AST_NODE_TYPES.BlockStatement && consequent.body.length === 1 && consequent.body[0] !== undefined && isRethrowOf(consequent.body[0], name);
}

/** Whether `block` waits on something: an `await`, a `for await` or an `await using` in its own code. */
export function awaitsInOwnCode(sourceCode: Readonly<TSESLint.SourceCode>, block: TSESTree.Node): boolean {
  for (const node of descendants(sourceCode, block, true)) {
    if (node.type === AST_NODE_TYPES.AwaitExpression) return true;
    if (node.type === AST_NODE_TYPES.ForOfStatement && node.await) return true;
    if (node.type === AST_NODE_TYPES.VariableDeclaration && node.kind === 'await using') return true;
  }
  return false;
}

/**
 * Whether `statements[index]` rethrows every error that is not an instance of one class, so that
 * code after it runs only for instances of that class, which a `Cancelled` is not:
 * `if (!(e instanceof HttpError)) throw e;`, or
 * `if (!retryable || attempt >= retries) { log(e); throw e; }` after
 * `const retryable = e instanceof HttpError && e.status >= 500;` among the statements that
 * precede it in the same block. The class must not be `Error`, `Object` or `Cancelled`, which a
 * `Cancelled` is an instance of.
 */
export function isInstanceGuard(statements: readonly TSESTree.Statement[], index: number, name: string): boolean {
  const statement = statements[index];
  if (statement?.type !== AST_NODE_TYPES.IfStatement || statement.alternate !== null) return false;
  if (!endsInRethrowOf(statement.consequent, name)) return false;
  const aliases = new Map<string, TSESTree.Expression>();
  for (const earlier of statements) {
    if (earlier === statement) break;
    if (earlier.type !== AST_NODE_TYPES.VariableDeclaration || earlier.kind !== 'const') continue;
    for (const declarator of earlier.declarations) {
      if (declarator.id.type === AST_NODE_TYPES.Identifier && declarator.init !== null) aliases.set(declarator.id.name, declarator.init);
    }
  }
  // The statement is passed only when its test was false.
  return impliesInstance(statement.test, false, name, aliases, 0);
}

/** Whether `node` always leaves by `throw name`: it is that throw, or a block whose last statement is. */
function endsInRethrowOf(node: TSESTree.Statement, name: string): boolean {
  if (isRethrowOf(node, name)) return true;
  if (node.type !== AST_NODE_TYPES.BlockStatement) return false;
  const last = node.body.at(-1);
  return last !== undefined && isRethrowOf(last, name);
}

const CLASSES_OF_EVERY_ERROR = new Set(['Error', 'Object', 'Cancelled']);

/** Whether `expression` evaluating to `value` implies that `name` is an instance of a class other than those of every error. */
function impliesInstance(
  expression: TSESTree.Expression,
  value: boolean,
  name: string,
  aliases: ReadonlyMap<string, TSESTree.Expression>,
  depth: number,
): boolean {
  // An alias chain is followed a few steps at most (and a self-reference cannot loop).
  if (depth > 8) return false;
  switch (expression.type) {
    case AST_NODE_TYPES.BinaryExpression:
      return (
        value &&
        expression.operator === 'instanceof' &&
        expression.left.type === AST_NODE_TYPES.Identifier &&
        expression.left.name === name &&
        expression.right.type === AST_NODE_TYPES.Identifier &&
        !CLASSES_OF_EVERY_ERROR.has(expression.right.name)
      );
    case AST_NODE_TYPES.UnaryExpression:
      return expression.operator === '!' && impliesInstance(expression.argument, !value, name, aliases, depth + 1);
    case AST_NODE_TYPES.LogicalExpression: {
      const left = (v: boolean): boolean => impliesInstance(expression.left, v, name, aliases, depth + 1);
      const right = (v: boolean): boolean => impliesInstance(expression.right, v, name, aliases, depth + 1);
      // `a && b` is true when both are; false when either is. `a || b` is the mirror image.
      if (expression.operator === '&&') return value ? left(true) || right(true) : left(false) && right(false);
      if (expression.operator === '||') return value ? left(true) && right(true) : left(false) || right(false);
      return false;
    }
    case AST_NODE_TYPES.Identifier: {
      const init = aliases.get(expression.name);
      return init !== undefined && impliesInstance(init, value, name, aliases, depth + 1);
    }
    default:
      return false;
  }
}
