/**
 * Whether a call is the platform's own `Array.prototype.map` or `Array.from` (declared by the
 * TypeScript libs), so that its arguments mean what a rewrite to `mapConcurrent` assumes.
 */
import { Node, type CallExpression } from 'ts-morph';
import { isPlatformGlobal } from './global-symbol.js';

const ARRAY_INTERFACES = new Set(['Array', 'ReadonlyArray']);

/**
 * True when `call` is `xs.map(fn)` with `map` from the lib's `Array`/`ReadonlyArray` (tuples and
 * generic arrays included).
 *
 * @example
 * ```ts
 * isArrayMapCall(call); // items.map((x) => load(x)) -> true
 * ```
 */
export function isArrayMapCall(call: CallExpression): boolean {
  const callee = call.getExpression();
  if (!Node.isPropertyAccessExpression(callee) || callee.getName() !== 'map' || callee.hasQuestionDotToken()) return false;
  const declarations = callee.getNameNode().getSymbol()?.getDeclarations() ?? [];
  return (
    declarations.length > 0 &&
    declarations.every((declaration) => {
      const owner = declaration.getParent();
      return Node.isInterfaceDeclaration(owner) && ARRAY_INTERFACES.has(owner.getName()) && declaration.getSourceFile().isDeclarationFile();
    })
  );
}

/**
 * True when `call` is the global `Array.from(iterable, fn)` with a mapping function.
 *
 * @example
 * ```ts
 * isArrayFromWithMap(call); // Array.from(set, (x) => close(x)) -> true
 * ```
 */
export function isArrayFromWithMap(call: CallExpression): boolean {
  const callee = call.getExpression();
  if (!Node.isPropertyAccessExpression(callee) || callee.getName() !== 'from') return false;
  const target = callee.getExpression();
  return Node.isIdentifier(target) && target.getText() === 'Array' && isPlatformGlobal(target) && call.getArguments().length === 2;
}
