import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { isFunctionNode } from './task-group-scope.js';

/**
 * Whether some node in `root`'s own code (nested functions excluded, since their code runs when
 * someone calls them) satisfies `test`. `root` itself is tested too, unless it is the function
 * whose body is being searched.
 *
 * @example
 * const awaits = someOwnNode(sourceCode, fn.body, (n) => n.type === AST_NODE_TYPES.AwaitExpression);
 */
export function someOwnNode(
  sourceCode: Readonly<TSESLint.SourceCode>,
  root: TSESTree.Node,
  test: (node: TSESTree.Node) => boolean,
): boolean {
  const pending: TSESTree.Node[] = [root];
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    if (test(node)) return true;
    for (const key of sourceCode.visitorKeys[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      for (const item of Array.isArray(child) ? (child as unknown[]) : [child]) {
        if (isNode(item) && !isFunctionNode(item)) pending.push(item);
      }
    }
  }
  return false;
}

function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}
