/**
 * Recognises calls of the global `Promise`'s combinators (`Promise.all`, `Promise.race`, ...),
 * never those of a local class or variable that happens to be called `Promise`.
 */
import { Node, type CallExpression } from 'ts-morph';
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
  const calls: CallExpression[] = [];
  root.forEachDescendant((node) => {
    if (Node.isCallExpression(node) && promiseCombinator(node) === combinator) calls.push(node);
  });
  return calls;
}
