import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { TSESTree } from '@typescript-eslint/utils';
import { createRule } from '../util/create-rule.js';
import { someOwnNode } from '../util/own-body.js';
import { isFunctionNode, taskGroupParameterOf } from '../util/task-group-scope.js';

type Options = [];
type MessageId = 'uselessGroup' | 'callDirectly';

/**
 * A task group whose body only starts one task runs that one task and waits for it: a plain
 * call does the same, with one scope and one stack frame less to read.
 */
export default createRule<Options, MessageId>({
  name: 'no-useless-task-group',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Disallow task groups whose body only starts a single task; call the function directly.',
      recommended: 'recommended',
    },
    hasSuggestions: true,
    messages: {
      uselessGroup:
        'This task group only starts one task, which it then waits for: calling the function directly (`await {{call}}`) does the same.',
      callDirectly: 'Call the function directly: `await {{call}}`.',
    },
    schema: [],
  },
  defaultOptions: [],
  // Every report needs a name bound by an import from @corral/runtime
  // (the task group comes from Corral's `withTaskGroup`).
  files: 'corral-files',
  create(context) {
    const sourceCode = context.sourceCode;
    return {
      CallExpression(call) {
        const body = call.arguments[0];
        if (body === undefined || !isFunctionNode(body) || call.arguments.length !== 1) return;
        const single = singleStatement(body.body);
        if (single === null) return;
        const tg = taskGroupParameterOf(sourceCode, body);
        if (tg === null || !isStartSoonOn(single, tg.name)) return;
        const [fn, ...args] = single.arguments;
        if (fn === undefined || fn.type === AST_NODE_TYPES.SpreadElement) return;
        // A task that gets the group itself starts more tasks in it: the group is needed.
        const mentionsGroup = single.arguments.some((argument) =>
          someOwnNode(sourceCode, argument, (n) => n.type === AST_NODE_TYPES.Identifier && n.name === tg.name),
        );
        if (mentionsGroup) return;
        const callee = isFunctionNode(fn) ? `(${sourceCode.getText(fn)})` : sourceCode.getText(fn);
        const direct = `${callee}(${args.map((a) => sourceCode.getText(a)).join(', ')})`;
        const shortCall = `${isFunctionNode(fn) ? '(...)' : sourceCode.getText(fn)}(${args.length > 0 ? '...' : ''})`;
        // Only an awaited statement can become `await fn()` without changing what a value means.
        const replaceable = call.parent.type === AST_NODE_TYPES.AwaitExpression && call.parent.parent.type === AST_NODE_TYPES.ExpressionStatement;
        context.report({
          node: call.callee,
          messageId: 'uselessGroup',
          data: { call: shortCall },
          suggest: replaceable
            ? [{ messageId: 'callDirectly', data: { call: shortCall }, fix: (fixer) => fixer.replaceText(call, direct) }]
            : [],
        });
      },
    };
  },
});

/** The one call of a body `{ tg.startSoon(...); }` or `tg.startSoon(...)`, else null. */
function singleStatement(body: TSESTree.BlockStatement | TSESTree.Expression): TSESTree.CallExpression | null {
  let expression: TSESTree.Node | undefined = body;
  if (body.type === AST_NODE_TYPES.BlockStatement) {
    const only = body.body.length === 1 ? body.body[0] : undefined;
    expression = only?.type === AST_NODE_TYPES.ExpressionStatement ? only.expression : undefined;
  }
  return expression?.type === AST_NODE_TYPES.CallExpression ? expression : null;
}

function isStartSoonOn(call: TSESTree.CallExpression, group: string): boolean {
  const callee = call.callee;
  return (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    !callee.computed &&
    callee.object.type === AST_NODE_TYPES.Identifier &&
    callee.object.name === group &&
    callee.property.type === AST_NODE_TYPES.Identifier &&
    callee.property.name === 'startSoon'
  );
}
