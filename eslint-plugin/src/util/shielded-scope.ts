import { ASTUtils, AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { corralExportName, isCorralExport } from './corral-imports.js';

/**
 * The Corral timeout functions, `(deadline, fn, options?)`: the second argument is the body the
 * deadline applies to, the third an options bag with `shield`.
 */
export const TIMEOUT_FUNCTIONS: readonly string[] = ['moveOnAfter', 'moveOnAt', 'failAfter', 'failAt'];

/** Whether `node` is an object literal with `shield: true`. */
function hasShieldTrue(node: TSESTree.Node | undefined): boolean {
  if (node?.type !== AST_NODE_TYPES.ObjectExpression) return false;
  return node.properties.some(
    (property) =>
      property.type === AST_NODE_TYPES.Property &&
      !property.computed &&
      property.key.type === AST_NODE_TYPES.Identifier &&
      property.key.name === 'shield' &&
      property.value.type === AST_NODE_TYPES.Literal &&
      property.value.value === true,
  );
}

/** Whether `node` is `new CancelScope({ shield: true, ... })`, or a `const` initialised with one. */
function isShieldedScope(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.NewExpression) {
    return isCorralExport(sourceCode, node.callee, 'CancelScope') && hasShieldTrue(node.arguments[0]);
  }
  if (node.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = ASTUtils.findVariable(sourceCode.getScope(node), node);
  const def = variable?.defs[0];
  if (def?.node.type !== AST_NODE_TYPES.VariableDeclarator || def.node.init === null) return false;
  if (def.node.parent.kind !== 'const') return false;
  return def.node.init.type === AST_NODE_TYPES.NewExpression && isShieldedScope(sourceCode, def.node.init);
}

/**
 * Whether `call` runs its function argument in a shielded scope: `shieldedScope.run(fn)`
 * (`new CancelScope({ shield: true })` written there or held in a `const`), or
 * `moveOnAfter(ms, fn, { shield: true })` and its siblings. `cancelShieldedCheckpoint()` counts
 * too: it is a checkpoint that cancellation cannot interrupt.
 *
 * @example
 * // await new CancelScope({ shield: true }).run(() => conn.aclose())
 * isShieldedCall(sourceCode, awaitNode.argument); // true
 */
export function isShieldedCall(sourceCode: Readonly<TSESLint.SourceCode>, call: TSESTree.Node): call is TSESTree.CallExpression {
  if (call.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = call.callee;
  if (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    !callee.computed &&
    callee.property.type === AST_NODE_TYPES.Identifier &&
    callee.property.name === 'run'
  ) {
    return isShieldedScope(sourceCode, callee.object);
  }
  const name = corralExportName(sourceCode, callee);
  if (name === 'cancelShieldedCheckpoint') return true;
  return name !== null && TIMEOUT_FUNCTIONS.includes(name) && hasShieldTrue(call.arguments[2]);
}
