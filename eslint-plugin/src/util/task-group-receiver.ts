import { ASTUtils, AST_NODE_TYPES, TSESLint } from '@typescript-eslint/utils';
import type { TSESTree } from '@typescript-eslint/utils';
import { isCorralExport } from './corral-imports.js';
import { isFunctionNode, taskGroupParameterOf } from './task-group-scope.js';

/**
 * Whether `node` is a name that holds a Corral task group: the parameter of a `withTaskGroup`
 * body, or a parameter or variable declared with Corral's `TaskGroup` type. Found through scope
 * analysis, so renamed imports count and unrelated `start` methods do not.
 *
 * @example
 * // await withTaskGroup(async (tg) => { await tg.start(serve); })
 * isTaskGroupReference(sourceCode, startCall.callee.object); // true
 */
export function isTaskGroupReference(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): boolean {
  if (node.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = ASTUtils.findVariable(sourceCode.getScope(node), node);
  const def = variable?.defs[0];
  if (def === undefined) return false;
  if (def.type === TSESLint.Scope.DefinitionType.Parameter && isFunctionNode(def.node)) {
    if (taskGroupParameterOf(sourceCode, def.node) === def.name) return true;
  }
  if (def.type !== TSESLint.Scope.DefinitionType.Parameter && def.type !== TSESLint.Scope.DefinitionType.Variable) {
    return false;
  }
  const annotation = def.name.typeAnnotation?.typeAnnotation;
  return (
    annotation?.type === AST_NODE_TYPES.TSTypeReference &&
    annotation.typeName.type === AST_NODE_TYPES.Identifier &&
    isCorralExport(sourceCode, annotation.typeName, 'TaskGroup')
  );
}

/**
 * The function that `node` stands for when it is written in this file: the node itself when it
 * is a function, or the declaration a name refers to (`function serve() {}` or
 * `const serve = () => {}`). Null when it cannot be seen from here.
 */
export function resolveLocalFunction(
  sourceCode: Readonly<TSESLint.SourceCode>,
  node: TSESTree.Node,
): TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | TSESTree.FunctionDeclaration | null {
  if (isFunctionNode(node)) return node;
  if (node.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = ASTUtils.findVariable(sourceCode.getScope(node), node);
  if (variable === null || variable.defs.length !== 1) return null;
  const def = variable.defs[0];
  if (def?.type === TSESLint.Scope.DefinitionType.FunctionName && isFunctionNode(def.node)) return def.node;
  if (def?.type === TSESLint.Scope.DefinitionType.Variable && def.parent.kind === 'const') {
    const init = def.node.init;
    if (init !== null && isFunctionNode(init)) return init;
  }
  return null;
}
