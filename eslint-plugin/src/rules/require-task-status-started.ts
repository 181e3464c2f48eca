import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { TSESTree } from '@typescript-eslint/utils';
import { createRule } from '../util/create-rule.js';
import { isTaskGroupReference, resolveLocalFunction } from '../util/task-group-receiver.js';

type Options = [];
type MessageId = 'noStatusParameter' | 'neverStarted';

/**
 * `await tg.start(fn)` returns when `fn` calls `status.started(value)`. A function that never
 * does keeps the caller waiting for as long as it runs, and fails the start when it ends.
 */
export default createRule<Options, MessageId>({
  name: 'require-task-status-started',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require functions passed to `tg.start()` to call `status.started()` (or hand the status on).',
      recommended: 'recommended',
    },
    messages: {
      noStatusParameter:
        '`start()` waits for `status.started()`, but this function takes no status parameter, so it can never call it: the caller waits until the task ends, then the start fails. Call `status.started(value)` once ready, or use `startSoon()`.',
      neverStarted:
        '`start()` waits for `{{status}}.started()`, which this function never calls nor hands on: the caller waits until the task ends, then the start fails. Call `{{status}}.started(value)` once ready, or use `startSoon()`.',
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
      CallExpression(call) {
        const callee = call.callee;
        if (
          callee.type !== AST_NODE_TYPES.MemberExpression ||
          callee.computed ||
          callee.property.type !== AST_NODE_TYPES.Identifier ||
          callee.property.name !== 'start'
        ) {
          return;
        }
        const argument = call.arguments[0];
        if (argument === undefined || !isTaskGroupReference(sourceCode, callee.object)) return;
        const fn = resolveLocalFunction(sourceCode, argument);
        if (fn === null) return;
        const first = fn.params[0];
        const status = first?.type === AST_NODE_TYPES.AssignmentPattern ? first.left : first;
        if (status === undefined) {
          context.report({ node: argument, messageId: 'noStatusParameter' });
          return;
        }
        // A destructured status (`({ started }) => ...`) is trusted: it names `started` itself.
        if (status.type !== AST_NODE_TYPES.Identifier) return;
        if (statusIsUsed(fn, status)) return;
        context.report({ node: argument, messageId: 'neverStarted', data: { status: status.name } });
      },
    };

    /** Some reference calls or reads `status.started`, or hands `status` to other code. */
    function statusIsUsed(fn: TSESTree.Node, status: TSESTree.Identifier): boolean {
      const variable = sourceCode.getDeclaredVariables(fn).find((v) => v.name === status.name);
      if (variable === undefined) return true;
      return variable.references.some(({ identifier }) => {
        const parent = identifier.parent;
        if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === identifier) {
          return parent.computed || (parent.property.type === AST_NODE_TYPES.Identifier && parent.property.name === 'started');
        }
        return parent !== undefined && handsOn(parent, identifier);
      });
    }
  },
});

/** Whether `parent` passes `value` to other code: as an argument, a stored or returned value. */
function handsOn(parent: TSESTree.Node, value: TSESTree.Node): boolean {
  switch (parent.type) {
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression:
      return parent.arguments.includes(value as TSESTree.Expression);
    case AST_NODE_TYPES.AssignmentExpression:
      return parent.right === value;
    case AST_NODE_TYPES.VariableDeclarator:
      return parent.init === value;
    case AST_NODE_TYPES.ArrowFunctionExpression:
      return parent.body === value;
    case AST_NODE_TYPES.ReturnStatement:
    case AST_NODE_TYPES.Property:
    case AST_NODE_TYPES.ArrayExpression:
    case AST_NODE_TYPES.SpreadElement:
    case AST_NODE_TYPES.TSAsExpression:
    case AST_NODE_TYPES.TSNonNullExpression:
      return true;
    default:
      return false;
  }
}
