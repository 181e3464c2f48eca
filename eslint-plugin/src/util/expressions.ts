import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

/**
 * Strips the wrappers that do not change which value an expression gives: type assertions,
 * non-null assertions, `satisfies` and optional-chain wrappers.
 */
export function skipTypeWrappers(node: TSESTree.Expression): TSESTree.Expression {
  let current: TSESTree.Expression = node;
  for (;;) {
    switch (current.type) {
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
        current = current.expression;
        break;
      case AST_NODE_TYPES.ChainExpression:
        current = current.expression;
        break;
      default:
        return current;
    }
  }
}

/** Expressions that bind at least as tightly as a unary operator, so `await x` needs no parens. */
const TIGHT_EXPRESSIONS = new Set<AST_NODE_TYPES>([
  AST_NODE_TYPES.CallExpression,
  AST_NODE_TYPES.NewExpression,
  AST_NODE_TYPES.MemberExpression,
  AST_NODE_TYPES.ChainExpression,
  AST_NODE_TYPES.Identifier,
  AST_NODE_TYPES.ThisExpression,
  AST_NODE_TYPES.TaggedTemplateExpression,
  AST_NODE_TYPES.TemplateLiteral,
  AST_NODE_TYPES.Literal,
  AST_NODE_TYPES.ArrayExpression,
  AST_NODE_TYPES.ObjectExpression,
  AST_NODE_TYPES.TSNonNullExpression,
  AST_NODE_TYPES.AwaitExpression,
  AST_NODE_TYPES.UnaryExpression,
]);

/** The source text of `node`, in parentheses when a unary operator in front would bind wrongly. */
export function textAsUnaryOperand(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): string {
  const text = sourceCode.getText(node);
  return TIGHT_EXPRESSIONS.has(node.type) ? text : `(${text})`;
}

/**
 * The source text of `node` written as the body of an arrow function: an object literal or a
 * sequence gets parentheses, everything else stays as written.
 */
export function textAsArrowBody(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): string {
  const text = sourceCode.getText(node);
  return node.type === AST_NODE_TYPES.ObjectExpression || node.type === AST_NODE_TYPES.SequenceExpression
    ? `(${text})`
    : text;
}

/** The dotted path of a callee (`this.logger.flush`, `sendMetric`), or null for other forms. */
export function calleePath(node: TSESTree.Node): string | null {
  if (node.type === AST_NODE_TYPES.Identifier) return node.name;
  if (node.type === AST_NODE_TYPES.ThisExpression) return 'this';
  if (node.type === AST_NODE_TYPES.Super) return 'super';
  if (node.type === AST_NODE_TYPES.MemberExpression && !node.computed) {
    const object = calleePath(node.object);
    return object === null ? null : `${object}.${node.property.type === AST_NODE_TYPES.Identifier ? node.property.name : `#${node.property.name}`}`;
  }
  return null;
}

/**
 * Whether the dotted `path` matches an entry of a name list: equal to it, or ending in it on a
 * segment boundary (`flush` and `logger.flush` both match `this.logger.flush`).
 */
export function pathMatches(path: string, names: readonly string[]): boolean {
  return names.some((name) => path === name || path.endsWith(`.${name}`));
}

/**
 * The plain name a member expression reads (`x.name`, `x?.name`), or null for any other node
 * (`x[name]`, `x.#name`, `name`).
 *
 * @example
 * memberName(parse('controller.abort')); // 'abort'
 */
export function memberName(node: TSESTree.Node): string | null {
  if (node.type !== AST_NODE_TYPES.MemberExpression || node.computed) return null;
  return node.property.type === AST_NODE_TYPES.Identifier ? node.property.name : null;
}

/** The name of a method called as `x.name(...)` or `x?.name(...)`, or null. */
export function calledMethodName(call: TSESTree.CallExpression): string | null {
  return memberName(call.callee);
}
