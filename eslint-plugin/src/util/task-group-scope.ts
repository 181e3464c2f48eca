import { ASTUtils, AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { isCorralExport } from './corral-imports.js';

/** A function node: the three forms that can be a `withTaskGroup` body. */
export type FunctionNode =
  | TSESTree.ArrowFunctionExpression
  | TSESTree.FunctionDeclaration
  | TSESTree.FunctionExpression;

/** True for arrow functions, function expressions and function declarations. */
export function isFunctionNode(node: TSESTree.Node): node is FunctionNode {
  return (
    node.type === AST_NODE_TYPES.ArrowFunctionExpression ||
    node.type === AST_NODE_TYPES.FunctionExpression ||
    node.type === AST_NODE_TYPES.FunctionDeclaration
  );
}

/** The innermost function that contains `node`, or null at module level. */
export function enclosingFunction(node: TSESTree.Node): FunctionNode | null {
  // The Program node has `parent: null` at run time, though its type says `undefined`.
  for (let current = node.parent; current; current = current.parent) {
    if (isFunctionNode(current)) return current;
  }
  return null;
}

/**
 * If `fn` is the body of a `withTaskGroup(...)` call from `@corral/runtime`, the identifier
 * that names its task group parameter; otherwise null.
 *
 * @example
 * // await withTaskGroup(async (tg) => { ... })
 * taskGroupParameterOf(sourceCode, bodyFn)?.name; // 'tg'
 */
export function taskGroupParameterOf(
  sourceCode: Readonly<TSESLint.SourceCode>,
  fn: FunctionNode,
): TSESTree.Identifier | null {
  const call = fn.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== fn) return null;
  const param = fn.params[0];
  if (param?.type !== AST_NODE_TYPES.Identifier) return null;
  return isCorralExport(sourceCode, call.callee, 'withTaskGroup') ? param : null;
}

/**
 * The name of the innermost task group that `node` can start tasks in: the parameter of the
 * nearest enclosing `withTaskGroup` body, provided that the name still refers to that parameter
 * at `node` (not shadowed). Returns null when no task group is in scope.
 *
 * @example
 * // await withTaskGroup(async (tg) => { fetchAll(); })
 * findTaskGroupInScope(sourceCode, callNode); // 'tg'
 */
export function findTaskGroupInScope(
  sourceCode: Readonly<TSESLint.SourceCode>,
  node: TSESTree.Node,
): string | null {
  // The Program node has `parent: null` at run time, though its type says `undefined`.
  for (let current = node.parent; current; current = current.parent) {
    if (!isFunctionNode(current)) continue;
    const param = taskGroupParameterOf(sourceCode, current);
    if (param === null) continue;
    const variable = ASTUtils.findVariable(sourceCode.getScope(node), param.name);
    const binds = variable?.defs.some((def) => def.name === param) ?? false;
    return binds ? param.name : null;
  }
  return null;
}
