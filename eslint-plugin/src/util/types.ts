import { createRequire } from 'node:module';
import type ts from 'typescript';

let typeFlags: typeof ts.TypeFlags | undefined;

/**
 * TypeScript's `TypeFlags`, loaded on first use. An ES `import` of `typescript` costs about
 * 300 ms on every run that loads the plugin, even when the parser has already `require`d it:
 * Node reads the 9 MB CommonJS file again, detects its module format and scans it for export
 * names. Only the type-aware rules need these flags, and by the time they run the parser has
 * loaded the module, so this `require` is a cache hit.
 */
function flags(): typeof ts.TypeFlags {
  typeFlags ??= (createRequire(import.meta.url)('typescript') as typeof ts).TypeFlags;
  return typeFlags;
}

/** The members of a union (or the type itself), so each can be judged on its own. */
export function unionParts(type: ts.Type): readonly ts.Type[] {
  return type.isUnion() ? type.types : [type];
}

/** The members of an intersection (or the type itself). */
function intersectionParts(type: ts.Type): readonly ts.Type[] {
  return type.isIntersection() ? type.types : [type];
}

/**
 * Whether a value of `type` may be a thenable: some member of the union has a `then` method
 * whose first parameter accepts a callback. This is decided structurally with the checker, never
 * by the type's name, so `PromiseLike`, jQuery deferreds and custom thenables all count, while
 * `any`, `unknown` and Corral's `TaskHandle` (not thenable by design) do not.
 *
 * @example
 * const type = services.getTypeAtLocation(node);
 * if (isThenableType(checker, tsNode, type)) context.report(...);
 */
export function isThenableType(checker: ts.TypeChecker, at: ts.Node, type: ts.Type): boolean {
  for (const part of unionParts(checker.getApparentType(type))) {
    for (const member of intersectionParts(part)) {
      if (hasThenMethod(checker, at, member)) return true;
    }
  }
  return false;
}

function hasThenMethod(checker: ts.TypeChecker, at: ts.Node, type: ts.Type): boolean {
  if ((type.flags & (flags().Any | flags().Unknown | flags().Never)) !== 0) return false;
  const then = type.getProperty('then');
  if (then === undefined) return false;
  const thenType = checker.getTypeOfSymbolAtLocation(then, at);
  for (const thenPart of unionParts(thenType)) {
    for (const signature of thenPart.getCallSignatures()) {
      const onFulfilled = signature.parameters[0];
      if (onFulfilled === undefined) continue;
      const parameterType = checker.getTypeOfSymbolAtLocation(onFulfilled, at);
      if (unionParts(parameterType).some((t) => checker.getApparentType(t).getCallSignatures().length > 0)) {
        return true;
      }
    }
  }
  return false;
}

/**
 * Whether calling a value of `type` may give a thenable: some call signature of some union
 * member returns a thenable type. `async () => {}` and `() => fetch(url)` do; `() => void` does
 * not.
 */
export function returnsThenable(checker: ts.TypeChecker, at: ts.Node, type: ts.Type): boolean {
  for (const part of unionParts(checker.getApparentType(type))) {
    for (const signature of part.getCallSignatures()) {
      if (isThenableType(checker, at, signature.getReturnType())) return true;
    }
  }
  return false;
}

/**
 * Whether a callback whose contextual type is `type` has its result ignored by whoever calls
 * it: some call signature returns `void` (or `undefined`), and none returns a thenable, `any`
 * or `unknown` (an API that accepts a promise-returning callback may well await it). This is
 * the test of the parameter's declared type, so `forEach`, `setTimeout` and `on('x', ...)` are
 * found from their declarations, never from their names.
 */
export function ignoresCallbackResult(checker: ts.TypeChecker, at: ts.Node, type: ts.Type): boolean {
  let voidReturn = false;
  for (const part of unionParts(type)) {
    for (const signature of part.getCallSignatures()) {
      const returned = signature.getReturnType();
      if ((returned.flags & (flags().Any | flags().Unknown)) !== 0) return false;
      if (isThenableType(checker, at, returned)) return false;
      if (unionParts(returned).some((t) => (t.flags & (flags().Void | flags().Undefined)) !== 0)) {
        voidReturn = true;
      }
    }
  }
  return voidReturn;
}
