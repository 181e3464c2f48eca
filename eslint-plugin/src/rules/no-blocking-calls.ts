import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { TSESTree } from '@typescript-eslint/utils';
import { createRule } from '../util/create-rule.js';
import { isGlobalReference, moduleMemberOf } from '../util/module-bindings.js';
import { enclosingFunction } from '../util/task-group-scope.js';

type Options = [{ allow?: string[] }];
type MessageId = 'blockingCall';

/** What to use instead of a module's synchronous calls. */
const alternatives: Record<string, string> = {
  fs: 'the `fs/promises` API',
  child_process: '`runProcess` from `@corral/runtime`',
  zlib: "`zlib`'s callback or stream API",
  crypto: "the callback form of the `crypto` function",
};

/**
 * Synchronous I/O and CPU-blocking calls inside async functions: while they run, no other task,
 * timer or socket gets a turn, and no cancellation or deadline can interrupt them.
 */
export default createRule<Options, MessageId>({
  name: 'no-blocking-calls',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow synchronous I/O and blocking calls (`fs.*Sync`, `child_process.*Sync`, `Atomics.wait`, ...) inside async functions.',
      recommended: 'recommended',
    },
    messages: {
      blockingCall:
        '`{{name}}` blocks the event loop (every other task, timer and cancellation waits for it); use {{alternative}}, or run it in a worker with `toThread.runSync`.',
    },
    schema: [
      {
        type: 'object',
        properties: {
          allow: {
            type: 'array',
            items: { type: 'string' },
            description: 'Calls to leave alone, as `module.name` (`fs.existsSync`, `crypto.randomFillSync`).',
          },
        },
        additionalProperties: false,
      },
    ],
  },
  defaultOptions: [{ allow: [] }],
  create(context, [{ allow = [] }]) {
    const sourceCode = context.sourceCode;
    // Every blocking call this rule knows is spelled with `Sync` or `Atomics` somewhere in the
    // file (a renamed import still names the original): a file without either needs no listener.
    const text = sourceCode.text;
    if (!text.includes('Sync') && !text.includes('Atomics')) return {};
    const allowed = new Set(allow);
    return {
      CallExpression(call) {
        const found = blockingCallee(call.callee);
        if (found === null || allowed.has(found.name)) return;
        if (enclosingFunction(call)?.async !== true) return;
        context.report({ node: call, messageId: 'blockingCall', data: found });
      },
    };

    function blockingCallee(callee: TSESTree.Expression): { name: string; alternative: string } | null {
      if (
        callee.type === AST_NODE_TYPES.MemberExpression &&
        !callee.computed &&
        callee.property.type === AST_NODE_TYPES.Identifier &&
        callee.property.name === 'wait' &&
        isGlobalReference(sourceCode, callee.object, 'Atomics')
      ) {
        return { name: 'Atomics.wait', alternative: '`Atomics.waitAsync`' };
      }
      // Cheap test first: a member call can only be a module's sync call if its name says so
      // (a plain name may be a renamed import, so it is resolved).
      if (
        callee.type === AST_NODE_TYPES.MemberExpression &&
        !(callee.property.type === AST_NODE_TYPES.Identifier && callee.property.name.endsWith('Sync'))
      ) {
        return null;
      }
      const member = moduleMemberOf(sourceCode, callee);
      if (member === null || !member.name.endsWith('Sync')) return null;
      const alternative = alternatives[member.module];
      if (alternative === undefined) return null;
      return { name: `${member.module}.${member.name}`, alternative };
    }
  },
});
