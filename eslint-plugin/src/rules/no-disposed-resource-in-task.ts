import { ASTUtils, AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { TSESTree } from '@typescript-eslint/utils';
import { createRule } from '../util/create-rule.js';
import { isTaskGroupReference } from '../util/task-group-receiver.js';

type Options = [];
type MessageId = 'disposedBeforeTask';

/**
 * `using` disposes its resource when its block ends. A task started in a group that outlives
 * the block keeps running after that (a group waits for its tasks only when its own callback
 * has returned), so a task handed the resource uses it after it was closed. flake8-async calls
 * this ASYNC111.
 */
export default createRule<Options, MessageId>({
  name: 'no-disposed-resource-in-task',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow handing a `using` resource to a task that can outlive the block that disposes it.',
      recommended: 'recommended',
    },
    messages: {
      disposedBeforeTask:
        '`{{name}}` is disposed when its block ends, but this task of `{{group}}` can outlive the block (the group waits for its tasks only after its callback returns), and would use it closed. Open the resource inside the task, or open the task group inside the block that holds the resource.',
    },
    schema: [],
  },
  defaultOptions: [],
  // Every report needs a name bound by an import from @corral/runtime
  // (the task group comes from Corral's `withTaskGroup` or `TaskGroup` type).
  files: 'corral-files',
  create(context) {
    const sourceCode = context.sourceCode;
    return {
      VariableDeclaration(declaration) {
        if (declaration.kind !== 'using' && declaration.kind !== 'await using') return;
        // `for (await using x of ...)` disposes per iteration; its block is the loop body.
        const block = declaration.parent;
        if (block.type !== AST_NODE_TYPES.BlockStatement && block.type !== AST_NODE_TYPES.Program) return;
        const reported = new Set<TSESTree.Node>();
        for (const variable of sourceCode.getDeclaredVariables(declaration)) {
          for (const reference of variable.references) {
            if (reference.init === true) continue;
            // Only a task started inside the block counts: one that holds the whole block (it
            // opened the resource itself) is not affected.
            const start = taskStartAround(reference.identifier, block);
            if (start === null || reported.has(start.call)) continue;
            // A group opened inside the block is finished before the block disposes anything.
            if (declaredWithin(start.group, block)) continue;
            reported.add(start.call);
            context.report({
              node: reference.identifier,
              messageId: 'disposedBeforeTask',
              data: { name: variable.name, group: start.group.name },
            });
          }
        }
      },
    };

    /** The `tg.startSoon(...)`/`tg.start(...)` call inside `block` whose arguments hold `node`, if any. */
    function taskStartAround(
      node: TSESTree.Node,
      block: TSESTree.Node,
    ): { call: TSESTree.CallExpression; group: TSESTree.Identifier } | null {
      let inner: TSESTree.Node = node;
      for (let current = node.parent; current !== undefined && current !== null && current !== block; inner = current, current = current.parent) {
        if (current.type !== AST_NODE_TYPES.CallExpression || !current.arguments.includes(inner as TSESTree.Expression)) continue;
        const callee = current.callee;
        if (
          callee.type === AST_NODE_TYPES.MemberExpression &&
          !callee.computed &&
          callee.property.type === AST_NODE_TYPES.Identifier &&
          (callee.property.name === 'startSoon' || callee.property.name === 'start') &&
          callee.object.type === AST_NODE_TYPES.Identifier &&
          isTaskGroupReference(sourceCode, callee.object)
        ) {
          return { call: current, group: callee.object };
        }
      }
      return null;
    }

    function declaredWithin(group: TSESTree.Identifier, block: TSESTree.Node): boolean {
      const def = ASTUtils.findVariable(sourceCode.getScope(group), group)?.defs[0];
      return def !== undefined && within(def.name, block);
    }
  },
});

function within(node: TSESTree.Node, outer: TSESTree.Node): boolean {
  return node.range[0] >= outer.range[0] && node.range[1] <= outer.range[1];
}
