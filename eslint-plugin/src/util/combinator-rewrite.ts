import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { textAsArrowBody } from './expressions.js';
import { descendants } from './own-body.js';

/** The Corral call that replaces a `Promise` combinator call. */
export interface CombinatorRewrite {
  readonly name: string;
  readonly argumentsText: string;
}

/**
 * The mechanical rewrite of `Promise.<method>(arg)`, or null when there is none:
 * - `[a(), b()]` becomes `name(() => a(), () => b())`, when every element is a call or `new`
 *   (so wrapping it in a function moves the start into the group and changes nothing else);
 * - for `all`, `items.map(fn)` becomes `mapConcurrent(items, fn)`, when `fn` is a function
 *   literal with at most one parameter (mapConcurrent does not pass the index).
 * An element that is already a promise (a variable) is left for a person: the work has started
 * before the combinator sees it, so there is nothing mechanical to move.
 *
 * @example
 * combinatorRewrite(sourceCode, parse('Promise.all([a(), b()])'), 'gather');
 * // { name: 'gather', argumentsText: '() => a(), () => b()' }
 */
export function combinatorRewrite(
  sourceCode: Readonly<TSESLint.SourceCode>,
  call: TSESTree.CallExpression,
  name: string,
): CombinatorRewrite | null {
  if (call.arguments.length !== 1) return null;
  const [argument] = call.arguments;
  if (argument?.type === AST_NODE_TYPES.ArrayExpression) {
    const elements = argument.elements;
    if (elements.length === 0) return null;
    const thunks: string[] = [];
    for (const element of elements) {
      if (element === null || (element.type !== AST_NODE_TYPES.CallExpression && element.type !== AST_NODE_TYPES.NewExpression)) {
        return null;
      }
      // `await` or `yield` inside would not survive the move into a plain arrow function.
      for (const inner of descendants(sourceCode, element)) {
        if (inner.type === AST_NODE_TYPES.AwaitExpression || inner.type === AST_NODE_TYPES.YieldExpression) return null;
      }
      thunks.push(`() => ${textAsArrowBody(sourceCode, element)}`);
    }
    return { name, argumentsText: thunks.join(', ') };
  }
  if (name !== 'gather' || argument?.type !== AST_NODE_TYPES.CallExpression) return null;
  const callee = argument.callee;
  const mapper = argument.arguments[0];
  if (
    callee.type !== AST_NODE_TYPES.MemberExpression ||
    callee.computed ||
    callee.property.type !== AST_NODE_TYPES.Identifier ||
    callee.property.name !== 'map' ||
    callee.optional ||
    argument.arguments.length !== 1 ||
    mapper === undefined ||
    (mapper.type !== AST_NODE_TYPES.ArrowFunctionExpression && mapper.type !== AST_NODE_TYPES.FunctionExpression) ||
    mapper.params.length > 1
  ) {
    return null;
  }
  return {
    name: 'mapConcurrent',
    argumentsText: `${sourceCode.getText(callee.object)}, ${sourceCode.getText(mapper)}`,
  };
}
