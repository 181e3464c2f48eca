import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { awaitsInOwnCode, letsCancellationThrough } from '../util/cancellation.js';
import { planCorralImport } from '../util/corral-imports.js';
import { checkAllFilesOption, createRule } from '../util/create-rule.js';
import { calledMethodName } from '../util/expressions.js';

export type Options = [{ checkAllFiles?: boolean; checkPromiseCatch?: boolean }];
export type MessageId = 'swallowedInCatch' | 'swallowedInHandler' | 'suggestRethrow';

type Suggestion = TSESLint.SuggestionReportDescriptor<MessageId>;

/** Names tried, in order, for a catch binding the fix has to add. */
const BINDING_NAMES = ['error', 'err', 'caught'];

export default createRule<Options, MessageId>({
  name: 'no-swallowed-cancellation',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Require a `catch` that can catch `Cancelled` to rethrow it or check `isCancelled`, so cancellation is not silently turned into normal completion.',
      recommended: 'recommended',
      // Code without the import still runs inside Corral tasks and catches their cancellation.
      strictOptions: [{ checkAllFiles: true }],
    },
    hasSuggestions: true,
    messages: {
      swallowedInCatch:
        'This catch can catch `Cancelled` (its try block awaits) but never rethrows it or checks `isCancelled(...)`: the task would go on as if it had not been cancelled. Rethrow cancellations first.',
      swallowedInHandler:
        'This rejection handler can receive `Cancelled` but never rethrows it or checks `isCancelled(...)`: the cancellation would turn into a normal result. Rethrow cancellations first.',
      suggestRethrow: 'Insert `if (isCancelled({{name}})) throw {{name}};` at the start.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          checkAllFiles: checkAllFilesOption,
          checkPromiseCatch: {
            type: 'boolean',
            description: 'Also check rejection handlers: `.catch(fn)` and the second argument of `.then`.',
          },
        },
      },
    ],
  },
  defaultOptions: [{ checkAllFiles: false, checkPromiseCatch: true }],
  // Outside Corral code only when the team asks for it (`checkAllFiles`).
  files: 'corral-files-unless-checkAllFiles',
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    return {
      CatchClause(clause) {
        const param = clause.param;
        if (param !== null && param.type !== AST_NODE_TYPES.Identifier) return;
        const tryStatement = clause.parent;
        if (!awaitsInOwnCode(sourceCode, tryStatement.block)) return;
        if (param !== null && letsCancellationThrough(sourceCode, clause.body, param.name)) return;
        context.report({
          node: clause,
          loc: sourceCode.getFirstToken(clause)?.loc ?? clause.loc,
          messageId: 'swallowedInCatch',
          suggest: rethrowSuggestion(clause.body, param, () => catchBindingFix(clause)),
        });
      },
      CallExpression(call) {
        if (options.checkPromiseCatch === false) return;
        const method = calledMethodName(call);
        const handler = method === 'catch' ? call.arguments[0] : method === 'then' ? call.arguments[1] : undefined;
        if (handler?.type !== AST_NODE_TYPES.ArrowFunctionExpression && handler?.type !== AST_NODE_TYPES.FunctionExpression) return;
        const param = handler.params[0] ?? null;
        if (param !== null && param.type !== AST_NODE_TYPES.Identifier) return;
        if (param !== null && letsCancellationThrough(sourceCode, handler.body, param.name)) return;
        context.report({
          node: handler,
          messageId: 'swallowedInHandler',
          suggest: handlerSuggestion(handler, param),
        });
      },
    };

    /** A name for a new catch binding that no code in `body` already uses. */
    function freshName(body: TSESTree.Node): string | null {
      const text = sourceCode.getText(body);
      return BINDING_NAMES.find((name) => !new RegExp(`\\b${name}\\b`).test(text)) ?? null;
    }

    function catchBindingFix(clause: TSESTree.CatchClause): ((fixer: TSESLint.RuleFixer, name: string) => TSESLint.RuleFix) | null {
      const keyword = sourceCode.getFirstToken(clause);
      if (keyword === null) return null;
      return (fixer, name) => fixer.insertTextAfter(keyword, ` (${name})`);
    }

    /** The suggestion for a block body: the guard goes first, on its own line. */
    function rethrowSuggestion(
      body: TSESTree.BlockStatement,
      param: TSESTree.Identifier | null,
      bindingFix: () => ((fixer: TSESLint.RuleFixer, name: string) => TSESLint.RuleFix) | null,
    ): Suggestion[] {
      const name = param?.name ?? freshName(body);
      const addBinding = param === null ? bindingFix() : null;
      if (name === null || (param === null && addBinding === null)) return [];
      const plan = planCorralImport(sourceCode, body, 'isCancelled');
      if (plan === null) return [];
      const guard = `if (${plan.reference}(${name})) throw ${name};`;
      const openBrace = sourceCode.getFirstToken(body);
      if (openBrace === null) return [];
      const first = body.body[0];
      const indent = first !== undefined && first.loc.start.line !== openBrace.loc.start.line
        ? ' '.repeat(first.loc.start.column)
        : `${lineIndent(body)}  `;
      // An empty block gets the guard on its own line; otherwise the guard follows the layout
      // of the first statement (own line or same line as the brace).
      const insertion =
        first === undefined
          ? `\n${indent}${guard}\n${lineIndent(body)}`
          : first.loc.start.line !== openBrace.loc.start.line
            ? `\n${indent}${guard}`
            : ` ${guard}`;
      return [
        {
          messageId: 'suggestRethrow',
          data: { name },
          fix: (fixer) => [
            ...plan.fix(fixer),
            ...(addBinding === null ? [] : [addBinding(fixer, name)]),
            fixer.insertTextAfter(openBrace, insertion),
          ],
        },
      ];
    }

    function handlerSuggestion(
      handler: TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression,
      param: TSESTree.Identifier | null,
    ): Suggestion[] {
      const bindingFix = () => {
        const openParen = sourceCode.getFirstToken(handler, { filter: (token) => token.value === '(' });
        if (openParen === null) return null;
        return (fixer: TSESLint.RuleFixer, name: string) => fixer.insertTextAfter(openParen, name);
      };
      if (handler.body.type === AST_NODE_TYPES.BlockStatement) return rethrowSuggestion(handler.body, param, bindingFix);
      // A concise body becomes a block: the guard, then `return <body>;`.
      const body = handler.body;
      const name = param?.name ?? freshName(body);
      const addBinding = param === null ? bindingFix() : null;
      const plan = planCorralImport(sourceCode, body, 'isCancelled');
      if (name === null || plan === null || (param === null && addBinding === null)) return [];
      const arrow = sourceCode.getTokenBefore(body, { filter: (token) => token.value === '=>', includeComments: false });
      if (arrow === null) return [];
      // Everything after `=>` is replaced, so parentheses around the body go too.
      const replacement = ` { if (${plan.reference}(${name})) throw ${name}; return ${sourceCode.getText(body)}; }`;
      return [
        {
          messageId: 'suggestRethrow',
          data: { name },
          fix: (fixer) => [
            ...plan.fix(fixer),
            ...(addBinding === null ? [] : [addBinding(fixer, name)]),
            fixer.replaceTextRange([arrow.range[1], handler.range[1]], replacement),
          ],
        },
      ];
    }

    /** The indentation of the line on which `node` starts. */
    function lineIndent(node: TSESTree.Node): string {
      const line = sourceCode.lines[node.loc.start.line - 1] ?? '';
      return /^\s*/.exec(line)?.[0] ?? '';
    }
  },
});
