import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { planCorralImport } from '../util/corral-imports.js';
import { createRule } from '../util/create-rule.js';
import { isGlobalReference, moduleMemberOf } from '../util/module-bindings.js';
import { enclosingFunction } from '../util/task-group-scope.js';

type Options = [];
type MessageId = 'missingSignal' | 'passCurrentSignal';

/** Where each AbortSignal-aware call takes its options bag; `last` for variadic `pipeline`. */
const optionsIndex: Record<string, Record<string, number | 'last'>> = {
  'timers/promises': { setTimeout: 2, setImmediate: 1, setInterval: 2 },
  events: { once: 2, on: 2 },
  'stream/promises': { pipeline: 'last', finished: 1 },
  'fs/promises': { readFile: 1, writeFile: 2 },
};

/**
 * Corral cancels a task at its checkpoints, but a platform call that is already running (a
 * fetch, a timer, a read) only stops when its AbortSignal aborts. Without `currentSignal()` it
 * runs on after the task is cancelled, and the scope waits for it or leaks it.
 */
export default createRule<Options, MessageId>({
  name: 'require-signal-forwarding',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require AbortSignal-aware calls (`fetch`, `timers/promises`, `events.once`, `pipeline`, `fs/promises` reads) in Corral code to pass `currentSignal()`.',
      recommended: 'recommended',
    },
    hasSuggestions: true,
    messages: {
      missingSignal:
        '`{{name}}` accepts an AbortSignal but gets none: when this task is cancelled, the operation goes on. Pass `signal: currentSignal()` so that cancellation reaches it.',
      passCurrentSignal: 'Pass `signal: currentSignal()`.',
    },
    schema: [],
  },
  defaultOptions: [],
  // Only a file that imports @corral/runtime is Corral code, whose calls run in Corral tasks.
  files: 'corral-files',
  create(context) {
    const sourceCode = context.sourceCode;
    return {
      CallExpression(call) {
        const target = signalAwareCall(sourceCode, call);
        if (target === null || enclosingFunction(call) === null) return;
        if (call.arguments.some((argument) => argument.type === AST_NODE_TYPES.SpreadElement)) return;
        const edit = optionsEdit(call, target.index);
        if (edit === null) return;
        const plan = planCorralImport(sourceCode, call, 'currentSignal');
        context.report({
          node: call,
          messageId: 'missingSignal',
          data: { name: target.name },
          suggest:
            plan === null
              ? []
              : [{ messageId: 'passCurrentSignal', fix: (fixer) => [...plan.fix(fixer), edit(fixer, `${plan.reference}()`)] }],
        });
      },
    };

    /**
     * The edit that adds `signal` to the options at `index`, or null when the options already
     * have one or cannot be seen (a variable, a spread).
     */
    function optionsEdit(
      call: TSESTree.CallExpression,
      index: number,
    ): ((fixer: TSESLint.RuleFixer, signal: string) => TSESLint.RuleFix) | null {
      const options = call.arguments[index];
      if (options === undefined || (options.type === AST_NODE_TYPES.Identifier && options.name === 'undefined')) {
        return (fixer, signal) => {
          const bag = `{ signal: ${signal} }`;
          if (options !== undefined) return fixer.replaceText(options, bag);
          const fillers = ', undefined'.repeat(index - call.arguments.length);
          const last = call.arguments[call.arguments.length - 1];
          if (last !== undefined) return fixer.insertTextAfter(last, `${fillers}, ${bag}`);
          const openParen = sourceCode.getTokenAfter(call.typeArguments ?? call.callee, { filter: (t) => t.value === '(' });
          return fixer.insertTextAfterRange(openParen?.range ?? call.callee.range, `${'undefined, '.repeat(index)}${bag}`);
        };
      }
      if (options.type === AST_NODE_TYPES.Literal && typeof options.value === 'string') {
        // `readFile(path, 'utf8')`: the encoding shorthand becomes a full options bag.
        return (fixer, signal) => fixer.replaceText(options, `{ encoding: ${sourceCode.getText(options)}, signal: ${signal} }`);
      }
      if (options.type !== AST_NODE_TYPES.ObjectExpression) return null;
      if (options.properties.some((p) => p.type === AST_NODE_TYPES.SpreadElement || propertyName(p) === 'signal')) return null;
      const lastProperty = options.properties[options.properties.length - 1];
      return (fixer, signal) =>
        lastProperty === undefined
          ? fixer.replaceText(options, `{ signal: ${signal} }`)
          : fixer.insertTextAfter(lastProperty, `, signal: ${signal}`);
    }
  },
});

/** The AbortSignal-aware function `call` invokes, and where its options go. */
function signalAwareCall(
  sourceCode: Readonly<TSESLint.SourceCode>,
  call: TSESTree.CallExpression,
): { name: string; index: number } | null {
  if (isGlobalReference(sourceCode, call.callee, 'fetch')) return { name: 'fetch', index: 1 };
  const member = moduleMemberOf(sourceCode, call.callee);
  const index = member === null ? undefined : optionsIndex[member.module]?.[member.name];
  if (member === null || index === undefined) return null;
  if (index !== 'last') return { name: `${member.module}.${member.name}`, index };
  // `pipeline(a, b, c, options?)`: a trailing object literal is the options, else they are missing.
  const last = call.arguments[call.arguments.length - 1];
  const lastIsOptions = last?.type === AST_NODE_TYPES.ObjectExpression;
  return { name: `${member.module}.${member.name}`, index: lastIsOptions ? call.arguments.length - 1 : call.arguments.length };
}

function propertyName(property: TSESTree.ObjectLiteralElement): string | null {
  if (property.type !== AST_NODE_TYPES.Property || property.computed) return null;
  if (property.key.type === AST_NODE_TYPES.Identifier) return property.key.name;
  return property.key.type === AST_NODE_TYPES.Literal ? String(property.key.value) : null;
}
