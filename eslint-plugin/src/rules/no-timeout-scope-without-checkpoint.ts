import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { TSESTree } from '@typescript-eslint/utils';
import { corralExportName, isCorralExport } from '../util/corral-imports.js';
import { createRule } from '../util/create-rule.js';
import { someOwnNode } from '../util/own-body.js';
import { TIMEOUT_FUNCTIONS } from '../util/shielded-scope.js';
import { isFunctionNode } from '../util/task-group-scope.js';

type Options = [];
type MessageId = 'noCheckpoint';

/**
 * A timeout can only cancel a body at a checkpoint (an `await`). A body that never awaits and
 * hands no promise back runs to its end however long it takes, so its timeout is dead code.
 */
export default createRule<Options, MessageId>({
  name: 'no-timeout-scope-without-checkpoint',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow `moveOnAfter`/`failAfter` bodies that never await, and so can never time out.',
      recommended: 'recommended',
    },
    messages: {
      noCheckpoint:
        'This `{{scope}}` body never awaits, so it has no checkpoint at which the deadline could cancel it: it cannot time out. Await the slow operation inside it, or drop the scope.',
    },
    schema: [],
  },
  defaultOptions: [],
  // Every report needs a name bound by an import from @corral/runtime
  // (a timeout scope is a Corral export).
  files: 'corral-files',
  create(context) {
    const sourceCode = context.sourceCode;
    return {
      CallExpression(call) {
        const deadlineScope = isDeadlineScopeRun(call);
        const body = call.arguments[deadlineScope ? 0 : 1];
        if (body === undefined || !isFunctionNode(body)) return;
        const scope = deadlineScope ? 'CancelScope' : timeoutScopeName(call.callee);
        if (scope === undefined || canCheckpoint(body)) return;
        context.report({ node: call.callee, messageId: 'noCheckpoint', data: { scope } });
      },
    };

    /** The timeout scope that `callee` names, resolved with one scope lookup. */
    function timeoutScopeName(callee: TSESTree.Node): string | undefined {
      const name = corralExportName(sourceCode, callee);
      return name !== null && TIMEOUT_FUNCTIONS.includes(name) ? name : undefined;
    }

    /** `new CancelScope({ deadline: ... }).run(fn)`: a scope made to time out. */
    function isDeadlineScopeRun(call: TSESTree.CallExpression): boolean {
      const callee = call.callee;
      if (
        callee.type !== AST_NODE_TYPES.MemberExpression ||
        callee.computed ||
        callee.property.type !== AST_NODE_TYPES.Identifier ||
        callee.property.name !== 'run' ||
        callee.object.type !== AST_NODE_TYPES.NewExpression ||
        !isCorralExport(sourceCode, callee.object.callee, 'CancelScope')
      ) {
        return false;
      }
      const options = callee.object.arguments[0];
      return (
        options?.type === AST_NODE_TYPES.ObjectExpression &&
        options.properties.some(
          (p) => p.type === AST_NODE_TYPES.Property && !p.computed && p.key.type === AST_NODE_TYPES.Identifier && p.key.name === 'deadline',
        )
      );
    }

    /** An await, a `for await`, or a returned value that may be a promise the scope awaits. */
    function canCheckpoint(fn: TSESTree.Node & { body: TSESTree.Node; expression?: boolean }): boolean {
      if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return !isPlainValue(fn.body);
      return someOwnNode(sourceCode, fn.body, (node) => {
        switch (node.type) {
          case AST_NODE_TYPES.AwaitExpression:
            return true;
          case AST_NODE_TYPES.ForOfStatement:
            return node.await;
          case AST_NODE_TYPES.ReturnStatement:
            return node.argument !== null && !isPlainValue(node.argument);
          default:
            return false;
        }
      });
    }
  },
});

/** Values that cannot be a promise: literals, templates without calls, `undefined`. */
function isPlainValue(node: TSESTree.Node): boolean {
  switch (node.type) {
    case AST_NODE_TYPES.Literal:
    case AST_NODE_TYPES.TemplateLiteral:
    case AST_NODE_TYPES.BinaryExpression:
    case AST_NODE_TYPES.UnaryExpression:
    case AST_NODE_TYPES.UpdateExpression:
      return true;
    case AST_NODE_TYPES.Identifier:
      return node.name === 'undefined';
    default:
      return false;
  }
}
