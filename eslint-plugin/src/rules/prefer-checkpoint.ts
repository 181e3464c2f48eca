import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { TSESTree } from '@typescript-eslint/utils';
import { isCorralExport, planCorralImport } from '../util/corral-imports.js';
import { createRule } from '../util/create-rule.js';

type Options = [];
type MessageId = 'useCheckpoint';

/**
 * `sleep(0)` from `@corral/runtime` is `checkpoint()` said indirectly; the autofix says it
 * directly, adding the import when needed.
 */
export default createRule<Options, MessageId>({
  name: 'prefer-checkpoint',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Use `checkpoint()` instead of `sleep(0)` to yield to other tasks and check for cancellation.',
      recommended: 'recommended',
    },
    fixable: 'code',
    messages: {
      useCheckpoint: '`sleep(0)` only checks for cancellation and lets other tasks run: write `checkpoint()`, which says so.',
    },
    schema: [],
  },
  defaultOptions: [],
  // Every report needs a name bound by an import from @corral/runtime
  // (the `sleep` it rewrites is Corral's).
  files: 'corral-files',
  create(context) {
    const sourceCode = context.sourceCode;
    return {
      CallExpression(call) {
        const delay = call.arguments[0];
        if (call.arguments.length !== 1 || !isZero(delay)) return;
        if (!isCorralExport(sourceCode, call.callee, 'sleep')) return;
        const plan = planCorralImport(sourceCode, call, 'checkpoint');
        context.report({
          node: call,
          messageId: 'useCheckpoint',
          // Without a name that surely means Corral's `checkpoint` here, no fix is offered.
          ...(plan === null
            ? {}
            : { fix: (fixer) => [...plan.fix(fixer), fixer.replaceText(call, `${plan.reference}()`)] }),
        });
      },
    };
  },
});

function isZero(node: TSESTree.Node | undefined): boolean {
  return node?.type === AST_NODE_TYPES.Literal && node.value === 0;
}
