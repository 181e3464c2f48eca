import { AST_NODE_TYPES, ESLintUtils } from '@typescript-eslint/utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type ts from 'typescript';
import { createRule } from '../util/create-rule.js';
import { calleePath, pathMatches, skipTypeWrappers, textAsArrowBody, textAsUnaryOperand } from '../util/expressions.js';
import { discardedValues, isHandlerChain } from '../util/leak-candidates.js';
import { storedPromiseLeaks } from '../util/stored-promises.js';
import { enclosingFunction, findTaskGroupInScope } from '../util/task-group-scope.js';
import { callbackResultUse, isThenableType, overloadsDropCallbackResult, returnsThenable, unionParts } from '../util/types.js';

export type Options = [
  {
    allowCalls?: string[];
    allowTypes?: string[];
    checkCallbacks?: boolean;
    checkFunctionReferences?: boolean;
    checkVariables?: boolean;
  },
];
export type MessageId =
  | 'floating'
  | 'floatingArray'
  | 'voided'
  | 'handlerOnly'
  | 'unusedVariable'
  | 'unusedCollection'
  | 'overwritten'
  | 'ignoredCallback'
  | 'suggestAwait'
  | 'suggestStartSoon';

type Suggestion = TSESLint.SuggestionReportDescriptor<MessageId>;

export default createRule<Options, MessageId>({
  name: 'no-leaked-tasks',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Require every promise to be awaited, returned, passed on or started in a task group, so no task outlives its caller unseen.',
      recommended: 'recommended',
      requiresTypeChecking: true,
      strictOptions: [{ checkFunctionReferences: true }],
    },
    hasSuggestions: true,
    messages: {
      floating:
        'Leaked task: this promise is not awaited, returned, passed on or started in a task group, so its failure is lost and its work outlives its caller.',
      floatingArray:
        'Leaked tasks: this array of promises is thrown away. Await them together (`gather`, `mapConcurrent`) or start each in a task group.',
      voided:
        'Leaked task: `void` silences the linter but does not give the promise an owner. Await it or start it in a task group.',
      handlerOnly:
        'Leaked task: a rejection handler catches the failure but the work still runs unowned and cannot be cancelled. Await it or start it in a task group.',
      unusedVariable:
        "Leaked task: '{{name}}' holds a promise that is never awaited, returned or passed on.",
      unusedCollection:
        "Leaked tasks: promises are pushed into '{{name}}', but the list is never awaited, returned or passed on.",
      overwritten:
        "Leaked task: this promise is stored in '{{name}}' and replaced on line {{line}} before anything reads it.",
      ignoredCallback:
        'Leaked task: this callback returns a promise, but the parameter it is passed to returns `void`, so the caller drops it. Start the work in a task group instead.',
      suggestAwait: 'Await it.',
      suggestStartSoon: 'Start it in the task group `{{taskGroup}}`.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          allowCalls: {
            type: 'array',
            items: { type: 'string' },
            description:
              'Callees whose promise may be left alone, as dotted paths matched on whole trailing segments (`flush` matches `this.logger.flush`).',
          },
          allowTypes: {
            type: 'array',
            items: { type: 'string' },
            description: 'Names of thenable types that may be left alone (matched against the type or alias name).',
          },
          checkCallbacks: {
            type: 'boolean',
            description: 'Report promise-returning callbacks passed where a `void`-returning function is expected.',
          },
          checkFunctionReferences: {
            type: 'boolean',
            description:
              'Also check named functions passed as callbacks (`emitter.on("x", handler)`), at one type query per such argument.',
          },
          checkVariables: {
            type: 'boolean',
            description: 'Report variables that hold a promise and are never read.',
          },
        },
      },
    ],
  },
  defaultOptions: [
    { allowCalls: [], allowTypes: [], checkCallbacks: true, checkFunctionReferences: false, checkVariables: true },
  ],
  create(context, [options]) {
    const services = ESLintUtils.getParserServices(context);
    const checker = services.program.getTypeChecker();
    const sourceCode = context.sourceCode;
    const allowCalls = options.allowCalls ?? [];
    const allowTypes = new Set(options.allowTypes ?? []);

    return {
      ExpressionStatement(statement) {
        // `void p()` is reported by the UnaryExpression visitor, with its own message.
        if (statement.directive !== undefined) return;
        for (const value of discardedValues(statement.expression)) {
          const kind = leakKind(value);
          if (kind === null) continue;
          context.report({
            node: value,
            messageId: kind === 'array' ? 'floatingArray' : isHandlerChain(value) ? 'handlerOnly' : 'floating',
            suggest: kind === 'array' ? [] : suggestions(value, value),
          });
        }
      },
      'UnaryExpression[operator="void"]'(node: TSESTree.UnaryExpression) {
        const leaked = discardedValues(node.argument).some((value) => leakKind(value) !== null);
        if (leaked) context.report({ node, messageId: 'voided', suggest: suggestions(node, node.argument) });
      },
      VariableDeclarator(declarator) {
        if (options.checkVariables === false) return;
        for (const leak of storedPromiseLeaks(sourceCode, declarator, leakKind)) context.report(leak);
      },
      'CallExpression, NewExpression'(node: TSESTree.CallExpression | TSESTree.NewExpression) {
        if (options.checkCallbacks === false) return;
        for (const argument of node.arguments) {
          if (isIgnoredPromiseCallback(argument)) context.report({ node: argument, messageId: 'ignoredCallback' });
        }
      },
      // `{ onMessage: async () => ... }` where the property's type returns `void`.
      'ObjectExpression > Property'(property: TSESTree.Property) {
        if (options.checkCallbacks === false || property.kind !== 'init') return;
        const value = property.value;
        if (!isFunctionLiteral(value)) return;
        if (isIgnoredPromiseCallback(value)) context.report({ node: value, messageId: 'ignoredCallback' });
      },
      // `handlers.onExit = async () => ...` where the target's type returns `void`. lib.dom's
      // `el.onclick` returns `any` (a handler's `false` cancels the event), so it is not reported.
      'AssignmentExpression[operator="="]'(assignment: TSESTree.AssignmentExpression) {
        if (options.checkCallbacks === false || !isFunctionLiteral(assignment.right)) return;
        if (isIgnoredPromiseCallback(assignment.right)) context.report({ node: assignment.right, messageId: 'ignoredCallback' });
      },
      // `const onExit: () => void = async () => ...`: the annotation says the result is dropped.
      'VariableDeclarator[id.typeAnnotation]'(declarator: TSESTree.VariableDeclarator) {
        if (options.checkCallbacks === false || declarator.init === null || !isFunctionLiteral(declarator.init)) return;
        if (isIgnoredPromiseCallback(declarator.init)) context.report({ node: declarator.init, messageId: 'ignoredCallback' });
      },
    };

    function isFunctionLiteral(node: TSESTree.Node): node is TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression {
      return node.type === AST_NODE_TYPES.ArrowFunctionExpression || node.type === AST_NODE_TYPES.FunctionExpression;
    }

    /** 'promise' or 'array' when `node`'s value may be (an array of) thenables not allowed by the options. */
    function leakKind(node: TSESTree.Node): 'promise' | 'array' | null {
      const unwrapped = node.type === AST_NODE_TYPES.Identifier ? node : skipTypeWrappers(node as TSESTree.Expression);
      if (unwrapped.type === AST_NODE_TYPES.CallExpression || unwrapped.type === AST_NODE_TYPES.NewExpression) {
        const path = calleePath(unwrapped.callee);
        if (path !== null && allowCalls.length > 0 && pathMatches(path, allowCalls)) return null;
      }
      const tsNode = services.esTreeNodeToTSNodeMap.get(node);
      const type = checker.getTypeAtLocation(tsNode);
      if (isThenableType(checker, tsNode, type)) return isAllowedType(tsNode, type) ? null : 'promise';
      if (unwrapped.type === AST_NODE_TYPES.Identifier && node.parent?.type !== AST_NODE_TYPES.VariableDeclarator) {
        return null;
      }
      return holdsThenables(tsNode, type) ? 'array' : null;
    }

    function holdsThenables(at: ts.Node, type: ts.Type): boolean {
      return unionParts(type).some((part) => {
        if (!checker.isArrayType(part) && !checker.isTupleType(part)) return false;
        const elements = checker.getTypeArguments(part as ts.TypeReference);
        return elements.some((element) => isThenableType(checker, at, element) && !isAllowedType(at, element));
      });
    }

    /** Whether every thenable member of `type` is named in `allowTypes` (by alias or type name). */
    function isAllowedType(at: ts.Node, type: ts.Type): boolean {
      if (allowTypes.size === 0) return false;
      if (type.aliasSymbol !== undefined && allowTypes.has(type.aliasSymbol.name)) return true;
      return unionParts(type)
        .filter((part) => isThenableType(checker, at, part))
        .every((part) => {
          const name = part.aliasSymbol?.name ?? part.getSymbol()?.name;
          return name !== undefined && allowTypes.has(name);
        });
    }

    function isIgnoredPromiseCallback(argument: TSESTree.CallExpressionArgument | TSESTree.Expression): boolean {
      const isFunction = isFunctionLiteral(argument);
      if (isFunction && !argument.async) {
        // A plain function only returns a promise from a concise body (`x => save(x)`).
        if (argument.type !== AST_NODE_TYPES.ArrowFunctionExpression || argument.body.type === AST_NODE_TYPES.BlockStatement) {
          return false;
        }
        if (discardedValues(argument.body).length === 0) return false;
      } else if (!isFunction) {
        const isReference = argument.type === AST_NODE_TYPES.Identifier || argument.type === AST_NODE_TYPES.MemberExpression;
        if (!isReference || options.checkFunctionReferences !== true) return false;
      }
      const tsNode = services.esTreeNodeToTSNodeMap.get(argument);
      const contextual = checker.getContextualType(tsNode as ts.Expression);
      if (contextual === undefined) return false;
      const use = callbackResultUse(checker, tsNode, contextual);
      if (use === 'kept' || (use === 'untyped' && !otherOverloadDropsResult(argument))) return false;
      if (isFunction && argument.async) return true;
      return returnsThenable(checker, tsNode, checker.getTypeAtLocation(tsNode));
    }

    /**
     * For a call argument whose chosen overload types the callback as returning `any`: whether
     * another overload of the callee declares a `void`-returning function there (and none a
     * promise-returning one). An argument after a spread has no fixed index and is left alone.
     */
    function otherOverloadDropsResult(argument: TSESTree.Node): boolean {
      const call = argument.parent;
      if (call?.type !== AST_NODE_TYPES.CallExpression && call?.type !== AST_NODE_TYPES.NewExpression) return false;
      const index = call.arguments.indexOf(argument as TSESTree.CallExpressionArgument);
      if (index < 0 || call.arguments.slice(0, index).some((a) => a.type === AST_NODE_TYPES.SpreadElement)) return false;
      const tsCallee = services.esTreeNodeToTSNodeMap.get(call.callee);
      const construct = call.type === AST_NODE_TYPES.NewExpression;
      return overloadsDropCallbackResult(checker, tsCallee, checker.getTypeAtLocation(tsCallee), index, construct);
    }

    /** "Await it" inside an async function, and "start it in the task group" when one is in scope. */
    function suggestions(replaced: TSESTree.Node, value: TSESTree.Node): Suggestion[] {
      const suggest: Suggestion[] = [];
      if (enclosingFunction(replaced)?.async === true) {
        suggest.push({
          messageId: 'suggestAwait',
          fix: (fixer) => fixer.replaceText(replaced, `await ${textAsUnaryOperand(sourceCode, value)}`),
        });
      }
      const taskGroup = findTaskGroupInScope(sourceCode, replaced);
      if (taskGroup !== null) {
        suggest.push({
          messageId: 'suggestStartSoon',
          data: { taskGroup },
          fix: (fixer) =>
            fixer.replaceText(replaced, `${taskGroup}.startSoon(() => ${textAsArrowBody(sourceCode, value)})`),
        });
      }
      return suggest;
    }
  },
});
