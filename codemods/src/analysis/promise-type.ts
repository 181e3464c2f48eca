/**
 * Whether a value is a promise, decided by its type (never by a name): a type is promise-like
 * when it has a callable `then`, as the language's own `await` decides.
 *
 * @example
 * ```ts
 * if (isPromiseLike(call.getType())) report(call);
 * ```
 */
import type { Type } from 'ts-morph';

export function isPromiseLike(type: Type): boolean {
  if (type.isUnion()) {
    // `f?.()` gives `Promise<T> | undefined`: still a promise when the call happens.
    return type
      .getUnionTypes()
      .some((part) => !part.isUndefined() && !part.isNull() && isPromiseLike(part));
  }
  if (type.isAny() || type.isUnknown()) return false;
  const then = type.getProperty('then');
  if (then === undefined) return false;
  const declaration = then.getValueDeclaration() ?? then.getDeclarations()[0];
  if (declaration === undefined) return false;
  return then.getTypeAtLocation(declaration).getCallSignatures().length > 0;
}
