/**
 * Recognises calls of the global `Promise`'s combinators (`Promise.all`, `Promise.race`, ...),
 * never those of a local class or variable that happens to be called `Promise`.
 */
import { Node, ts, type CallExpression } from 'ts-morph';
import { findWrapped } from '../../analysis/compiler-walk.js';
import { isPlatformGlobal } from './global-symbol.js';

/** The combinators the transforms know. */
export type PromiseCombinator = 'all' | 'allSettled' | 'race' | 'any';

const COMBINATORS = new Set<string>(['all', 'allSettled', 'race', 'any']);

/**
 * The combinator `call` invokes on the global `Promise`, if any.
 *
 * @example
 * ```ts
 * file.forEachDescendant((node) => {
 *   if (Node.isCallExpression(node) && promiseCombinator(node) === 'all') sites.push(node);
 * });
 * ```
 */
export function promiseCombinator(call: CallExpression): PromiseCombinator | undefined {
  const callee = call.getExpression();
  if (!Node.isPropertyAccessExpression(callee)) return undefined;
  const name = callee.getName();
  if (!COMBINATORS.has(name)) return undefined;
  const target = callee.getExpression();
  if (!Node.isIdentifier(target) || target.getText() !== 'Promise') return undefined;
  return isPlatformGlobal(target) ? (name as PromiseCombinator) : undefined;
}

/**
 * Every call of `combinator` on the global `Promise` in `root`, outermost first. The text check
 * comes before any type query, so files without such calls cost almost nothing.
 *
 * @example
 * ```ts
 * for (const call of findCombinatorCalls(file, 'race')) { ... }
 * ```
 */
export function findCombinatorCalls(root: Node, combinator: PromiseCombinator): CallExpression[] {
  if (!root.getFullText().includes(`Promise.${combinator}`)) return [];
  // Only calls shaped `Promise.<combinator>(...)` are wrapped; the symbol check runs on those.
  const shaped = (node: ts.Node): boolean => {
    if (!ts.isCallExpression(node)) return false;
    const callee = node.expression;
    return ts.isPropertyAccessExpression(callee) && callee.name.text === combinator && ts.isIdentifier(callee.expression) && callee.expression.text === 'Promise';
  };
  const calls = findWrapped(root.getSourceFile(), root.compilerNode, shaped) as CallExpression[];
  return calls.filter((call) => promiseCombinator(call) === combinator);
}
