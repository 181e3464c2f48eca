import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { TSESTree } from '@typescript-eslint/utils';
import { calledMethodName, skipTypeWrappers } from './expressions.js';

/**
 * The parts of an expression whose values are thrown away when the expression itself is: for
 * `a ? p() : q()` both branches, for `ready && p()` the right side, for `a(), b()` each part.
 * Forms that cannot give a promise, or that hand theirs on (`await`, `yield`, an assignment),
 * give nothing, so the type checker is only asked about calls, `new`, member reads, identifiers,
 * tagged templates, dynamic imports and array literals. This is the cheap syntax filter that
 * runs before any type query.
 *
 * @example
 * discardedValues(parse('flag ? save() : undefined')); // [save()] (the literal cannot leak)
 */
export function discardedValues(node: TSESTree.Expression): TSESTree.Expression[] {
  const expression = skipTypeWrappers(node);
  switch (expression.type) {
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression:
    case AST_NODE_TYPES.MemberExpression:
    case AST_NODE_TYPES.Identifier:
    case AST_NODE_TYPES.TaggedTemplateExpression:
    case AST_NODE_TYPES.ImportExpression:
    case AST_NODE_TYPES.ArrayExpression:
      return expression.type === AST_NODE_TYPES.Identifier && expression.name === 'undefined' ? [] : [node];
    case AST_NODE_TYPES.ConditionalExpression:
      return [...discardedValues(expression.consequent), ...discardedValues(expression.alternate)];
    case AST_NODE_TYPES.LogicalExpression:
      // The left side is tested, so its value is used; only the right side can be discarded.
      return discardedValues(expression.right);
    case AST_NODE_TYPES.SequenceExpression:
      return expression.expressions.flatMap((part) => discardedValues(part));
    default:
      return [];
  }
}

/**
 * Whether a variable initialized with `init` could hold a promise worth a type query: the same
 * filter as {@link discardedValues}, so `const n = 1` or `const f = () => ...` costs nothing.
 */
export function mayHoldPromise(init: TSESTree.Expression): boolean {
  return discardedValues(init).length > 0;
}

/**
 * True when `call` attaches only a rejection handler: `.catch(fn)`, `.then(a, b)` or
 * `.finally(fn)`. Such a chain still leaks the task; the message says why.
 */
export function isHandlerChain(node: TSESTree.Expression): boolean {
  const call = skipTypeWrappers(node);
  if (call.type !== AST_NODE_TYPES.CallExpression) return false;
  const method = calledMethodName(call);
  return method === 'catch' || method === 'finally' || (method === 'then' && call.arguments.length >= 2);
}
