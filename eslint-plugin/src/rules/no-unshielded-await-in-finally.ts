import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { isCancellationGuard, isInstanceGuard, letsCancellationThrough } from '../util/cancellation.js';
import { planCorralImport } from '../util/corral-imports.js';
import { checkAllFilesOption, createRule } from '../util/create-rule.js';
import { textAsArrowBody } from '../util/expressions.js';
import { isShieldedCall } from '../util/shielded-scope.js';
import { someOwnNode } from '../util/own-body.js';
import { isFunctionNode } from '../util/task-group-scope.js';

export type Options = [{ checkAllFiles?: boolean; checkCatch?: boolean }];
export type MessageId = 'awaitInFinally' | 'awaitInCatch' | 'suggestShield';

/** Where an await sits, as far as cancellation is concerned. */
type Place = 'finally' | 'catch' | null;

export default createRule<Options, MessageId>({
  name: 'no-unshielded-await-in-finally',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Disallow `await` in `finally` (or in a `catch` that handles cancellation) outside a shielded scope: in a cancelled task it raises `Cancelled` at once and the clean-up never runs.',
      recommended: 'recommended',
    },
    hasSuggestions: true,
    messages: {
      awaitInFinally:
        'This `await` in `finally` runs while the task may be cancelled, so it raises `Cancelled` at once and the clean-up does not happen. Shield it, with a deadline: `moveOnAfter(ms, fn, { shield: true })`.',
      awaitInCatch:
        'This `await` in a `catch` that handles cancellation raises `Cancelled` again at once, so the clean-up does not happen. Shield it, with a deadline: `moveOnAfter(ms, fn, { shield: true })`.',
      suggestShield: 'Run it in `new CancelScope({ shield: true })`.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          checkAllFiles: checkAllFilesOption,
          checkCatch: {
            type: 'boolean',
            description: 'Also check `catch` blocks that handle cancellation (rethrow the error or check `isCancelled`).',
          },
        },
      },
    ],
  },
  defaultOptions: [{ checkAllFiles: false, checkCatch: true }],
  // Outside Corral code only when the team asks for it (`checkAllFiles`).
  files: 'corral-files-unless-checkAllFiles',
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    // Invariant: a catch clause's entry is what `findGuardIndex` returns for it (the AST does not
    // change while the file is linted).
    const guardIndexes = new Map<TSESTree.CatchClause, number | null>();

    return {
      AwaitExpression(node) {
        if (isShieldedCall(sourceCode, node.argument)) return;
        const place = placeOf(node);
        if (place === null || (place === 'catch' && options.checkCatch === false)) return;
        context.report({
          node,
          messageId: place === 'finally' ? 'awaitInFinally' : 'awaitInCatch',
          suggest: shieldSuggestion(node),
        });
      },
    };

    /**
     * Walks out from the await to its function: 'finally' or 'catch' when it passes through
     * such a block, null when it reaches the function first, or a shielded scope's body.
     */
    function placeOf(node: TSESTree.AwaitExpression): Place {
      // A shielded scope's body is a function, so reaching any function ends the search: the
      // await belongs to that function's own run, not to the finally around it.
      let child: TSESTree.Node = node;
      // The Program node has `parent: null` at run time, though its type says `undefined`.
      let current: TSESTree.Node | undefined = node.parent;
      while (current) {
        if (isFunctionNode(current)) return null;
        if (current.type === AST_NODE_TYPES.TryStatement && current.finalizer === child) return 'finally';
        if (current.type === AST_NODE_TYPES.CatchClause && handlesCancellation(current, node)) return 'catch';
        child = current;
        current = current.parent;
      }
      return null;
    }

    /**
     * A catch handles cancellation when it rethrows its error or checks `isCancelled`; an await
     * after a guard that rethrows cancellations (`if (isCancelled(e)) throw e;`) or everything
     * but one class of errors (`if (!(e instanceof HttpError)) throw e;`) runs only for other
     * errors, so it is fine. The catch's error must not be assigned anew for a guard to count.
     */
    function handlesCancellation(clause: TSESTree.CatchClause, awaitNode: TSESTree.Node): boolean {
      const guard = guardIndexOf(clause);
      if (guard === null) return false;
      if (guard < 0) return true;
      const statements = clause.body.body;
      const position = statements.findIndex((s) => s.range[0] <= awaitNode.range[0] && awaitNode.range[1] <= s.range[1]);
      return position < guard;
    }

    /**
     * The index of the first guard statement in the catch's body (-1 when there is none), or
     * null when the catch does not let a cancellation through; judged once per catch, however
     * many awaits it holds.
     */
    function guardIndexOf(clause: TSESTree.CatchClause): number | null {
      const cached = guardIndexes.get(clause);
      if (cached !== undefined) return cached;
      const guard = findGuardIndex(clause);
      guardIndexes.set(clause, guard);
      return guard;
    }

    function findGuardIndex(clause: TSESTree.CatchClause): number | null {
      const param = clause.param;
      if (param?.type !== AST_NODE_TYPES.Identifier) return null;
      if (!letsCancellationThrough(sourceCode, clause.body, param.name)) return null;
      const statements = clause.body.body;
      // Lazily: only a catch with an `if` that rethrows needs to know.
      let reassigned: boolean | undefined;
      const isReassigned = (): boolean =>
        (reassigned ??= someOwnNode(
          sourceCode,
          clause.body,
          (n) => n.type === AST_NODE_TYPES.AssignmentExpression && n.left.type === AST_NODE_TYPES.Identifier && n.left.name === param.name,
        ));
      return statements.findIndex(
        (s, index) =>
          isCancellationGuard(sourceCode, s, param.name) || (isInstanceGuard(statements, index, param.name) && !isReassigned()),
      );
    }

    /** Only for a statement `await x;` whose value is unused, so the `T | undefined` result is harmless. */
    function shieldSuggestion(node: TSESTree.AwaitExpression): TSESLint.SuggestionReportDescriptor<MessageId>[] {
      if (node.parent.type !== AST_NODE_TYPES.ExpressionStatement) return [];
      const plan = planCorralImport(sourceCode, node, 'CancelScope');
      if (plan === null) return [];
      const body = textAsArrowBody(sourceCode, node.argument);
      return [
        {
          messageId: 'suggestShield',
          fix: (fixer) => [
            ...plan.fix(fixer),
            fixer.replaceText(node, `await new ${plan.reference}({ shield: true }).run(() => ${body})`),
          ],
        },
      ];
    }
  },
});
