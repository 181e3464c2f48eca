import { ASTUtils, AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { TSESTree } from '@typescript-eslint/utils';
import { createRule } from '../util/create-rule.js';
import { isGlobalReference } from '../util/module-bindings.js';
import { enclosingFunction, isFunctionNode, taskGroupParameterOf } from '../util/task-group-scope.js';
import type { FunctionNode } from '../util/task-group-scope.js';

type Options = [];
type MessageId = 'stored' | 'returned' | 'captured';

/** Timer and listener APIs: a callback given to them runs whenever they decide. */
const deferringGlobals = ['setTimeout', 'setInterval', 'setImmediate', 'queueMicrotask'];
const listenerMethods = new Set(['addEventListener', 'on', 'once', 'addListener', 'prependListener', 'prependOnceListener', 'nextTick']);

/**
 * A task group lives exactly as long as its `withTaskGroup` callback. A reference that outlives
 * the callback points at a closed group: starting a task there throws, and the structure the
 * group promised (every child finished when the call returns) is gone.
 */
export default createRule<Options, MessageId>({
  name: 'no-escaping-task-group',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow storing, returning or capturing a task group beyond its `withTaskGroup` callback.',
      recommended: 'recommended',
    },
    messages: {
      stored:
        'The task group `{{name}}` is stored outside its `withTaskGroup` callback, where it outlives the group: once the callback returns, starting a task in it throws. Pass it as an argument to the code that needs it, inside the callback.',
      returned:
        'The task group `{{name}}` is returned from its `withTaskGroup` callback, so the caller gets a closed group: starting a task in it throws. Keep the work that needs the group inside the callback.',
      captured:
        'The task group `{{name}}` is captured by a function that can run after the group has closed (a timer, a listener, a stored or returned function): starting a task from there throws. Start that work as a task of the group instead.',
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
        const fn = call.arguments[0];
        if (fn === undefined || !isFunctionNode(fn)) return;
        const param = taskGroupParameterOf(sourceCode, fn);
        if (param === null) return;
        for (const reference of referencesOf(fn, param.name)) {
          const messageId = escapeOf(reference, fn);
          if (messageId !== null) context.report({ node: reference, messageId, data: { name: param.name } });
        }
      },
    };

    /** Reads of the variable `name` declared by `declaringNode`, aliases (`const g = tg`) followed. */
    function referencesOf(declaringNode: TSESTree.Node, name: string): TSESTree.Identifier[] {
      const variable = sourceCode.getDeclaredVariables(declaringNode).find((v) => v.name === name);
      if (variable === undefined) return [];
      const found: TSESTree.Identifier[] = [];
      for (const { identifier, init } of variable.references) {
        if (init === true || identifier.type !== AST_NODE_TYPES.Identifier) continue;
        const parent = identifier.parent;
        if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === identifier && parent.id.type === AST_NODE_TYPES.Identifier) {
          found.push(...referencesOf(parent, parent.id.name));
        } else {
          found.push(identifier);
        }
      }
      return found;
    }

    function escapeOf(reference: TSESTree.Identifier, body: FunctionNode): MessageId | null {
      const owner = enclosingFunction(reference);
      if (owner !== body) {
        // A task of the group that stores the group outside (`saved = tg`) lets it escape too.
        if (valueEscapes(reference, body) === 'stored') return 'stored';
        // Otherwise what matters is where the outermost nested function goes.
        let outermost: FunctionNode | null = owner;
        while (outermost !== null && enclosingFunction(outermost) !== body) outermost = enclosingFunction(outermost);
        if (outermost === null) return null;
        return valueEscapes(outermost, body) !== null || isDeferredCallback(outermost) ? 'captured' : null;
      }
      return valueEscapes(reference, body);
    }

    /** Where the value of `node` goes: out of `body` by assignment or return, or nowhere. */
    function valueEscapes(node: TSESTree.Node, body: FunctionNode): MessageId | null {
      let value: TSESTree.Node = node;
      // Object and array literals carry the value along: `return { tg }` returns it.
      for (;;) {
        const parent: TSESTree.Node | undefined = value.parent;
        if (parent === undefined) return null;
        if (
          (parent.type === AST_NODE_TYPES.Property && parent.value === value && parent.parent.type === AST_NODE_TYPES.ObjectExpression) ||
          parent.type === AST_NODE_TYPES.ArrayExpression ||
          parent.type === AST_NODE_TYPES.TSAsExpression
        ) {
          value = parent.type === AST_NODE_TYPES.Property ? parent.parent : parent;
          continue;
        }
        if (parent.type === AST_NODE_TYPES.ReturnStatement) return enclosingFunction(parent) === body ? 'returned' : null;
        if (parent.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body === value) return parent === body ? 'returned' : null;
        if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.right === value) {
          return declaredOutside(parent.left, body) ? 'stored' : null;
        }
        return null;
      }
    }

    function declaredOutside(target: TSESTree.Node, body: FunctionNode): boolean {
      // `state.group = tg` stores into whatever `state` is: `this` and outer objects outlive the
      // callback, a local object does not.
      if (target.type === AST_NODE_TYPES.MemberExpression) {
        let root: TSESTree.Expression = target.object;
        while (root.type === AST_NODE_TYPES.MemberExpression) root = root.object;
        return root.type === AST_NODE_TYPES.Identifier ? declaredOutside(root, body) : true;
      }
      if (target.type !== AST_NODE_TYPES.Identifier) return false;
      const variable = ASTUtils.findVariable(sourceCode.getScope(target), target);
      const def = variable?.defs[0];
      // An undeclared name is a global: outside by definition.
      if (def === undefined) return true;
      return def.name.range[0] < body.range[0] || def.name.range[1] > body.range[1];
    }

    function isDeferredCallback(fn: FunctionNode): boolean {
      const call = fn.parent;
      if (call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(fn as TSESTree.Expression)) return false;
      const callee = call.callee;
      if (deferringGlobals.some((name) => isGlobalReference(sourceCode, callee, name))) return true;
      return (
        callee.type === AST_NODE_TYPES.MemberExpression &&
        !callee.computed &&
        callee.property.type === AST_NODE_TYPES.Identifier &&
        listenerMethods.has(callee.property.name)
      );
    }
  },
});
