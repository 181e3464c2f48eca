import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { isFunctionNode } from './task-group-scope.js';

/**
 * Every node under `root` (itself included). With `skipFunctions`, nested functions are not
 * entered: their code runs when someone calls them, not where they are written.
 *
 * @example
 * for (const node of descendants(sourceCode, fn.body, true)) if (node.type === AST_NODE_TYPES.AwaitExpression) count++;
 */
export function* descendants(
  sourceCode: Readonly<TSESLint.SourceCode>,
  root: TSESTree.Node,
  skipFunctions = false,
): Generator<TSESTree.Node> {
  const pending: TSESTree.Node[] = [root];
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    yield node;
    for (const key of sourceCode.visitorKeys[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      for (const item of Array.isArray(child) ? (child as unknown[]) : [child]) {
        if (isNode(item) && !(skipFunctions && isFunctionNode(item))) pending.push(item);
      }
    }
  }
}

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
  for (const node of descendants(sourceCode, root, true)) {
    if (test(node)) return true;
  }
  return false;
}

function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}
