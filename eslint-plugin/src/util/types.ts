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
 * What the caller of a callback does with its result, judged from the callback's contextual
 * type: `'dropped'` when some call signature returns `void` (or `undefined`) and none returns a
 * thenable, `any` or `unknown`; `'untyped'` when some signature returns `any` or `unknown` and
 * none a thenable (the type does not say); `'kept'` otherwise (a thenable, a value, or no call
 * signature at all: an API that accepts a promise-returning callback may well await it).
 */
export type CallbackResultUse = 'dropped' | 'untyped' | 'kept';

/**
 * How the caller treats the result of a callback whose contextual type is `type`. This is the
 * test of the parameter's declared type, so `forEach`, `setTimeout` and `on('x', ...)` are found
 * from their declarations, never from their names.
 *
 * @example
 * const contextual = checker.getContextualType(tsNode);
 * if (contextual !== undefined && callbackResultUse(checker, tsNode, contextual) === 'dropped') report();
 */
export function callbackResultUse(checker: ts.TypeChecker, at: ts.Node, type: ts.Type): CallbackResultUse {
  let voidReturn = false;
  let untyped = false;
  for (const part of unionParts(type)) {
    for (const signature of part.getCallSignatures()) {
      const result = resultKind(checker, at, signature);
      if (result === 'untyped') untyped = true;
      else if (result === 'thenable') return 'kept';
      else if (result === 'void') voidReturn = true;
    }
  }
  if (untyped) return 'untyped';
  return voidReturn ? 'dropped' : 'kept';
}

/**
 * Whether some overload of the callee drops the result of a callback passed as argument
 * `index`: some overload's parameter there is a function type returning `void`, and no
 * overload's parameter there returns a thenable. This is for the arguments whose chosen
 * overload says nothing (`'untyped'`): lib.dom's `addEventListener<K>(type: K, listener:
 * (ev) => any)` is picked for `'click'`, while its `EventListener` overload shows that the
 * listener's result is dropped. An overload that returns `any` or a value neither counts for
 * nor against, so a set whose every candidate returns non-void is not reported.
 *
 * @example
 * overloadsDropCallbackResult(checker, tsCall, checker.getTypeAtLocation(tsCall.expression), 1, false);
 */
export function overloadsDropCallbackResult(
  checker: ts.TypeChecker,
  at: ts.Node,
  calleeType: ts.Type,
  index: number,
  construct: boolean,
): boolean {
  let voidReturn = false;
  for (const part of unionParts(checker.getApparentType(calleeType))) {
    const signatures = construct ? part.getConstructSignatures() : part.getCallSignatures();
    for (const signature of signatures) {
      const parameter = parameterTypeAt(checker, at, signature, index);
      if (parameter === undefined) continue;
      for (const member of unionParts(parameter)) {
        for (const callback of member.getCallSignatures()) {
          const result = resultKind(checker, at, callback);
          if (result === 'thenable') return false;
          if (result === 'void') voidReturn = true;
        }
      }
    }
  }
  return voidReturn;
}

/**
 * What a call signature says it returns, as the callback tests read it: `any` or `unknown`
 * (`'untyped'`), a thenable, `void` or `undefined` (in some union member), or another value.
 */
function resultKind(checker: ts.TypeChecker, at: ts.Node, signature: ts.Signature): 'untyped' | 'thenable' | 'void' | 'value' {
  const returned = signature.getReturnType();
  if ((returned.flags & (flags().Any | flags().Unknown)) !== 0) return 'untyped';
  if (isThenableType(checker, at, returned)) return 'thenable';
  return unionParts(returned).some((t) => (t.flags & (flags().Void | flags().Undefined)) !== 0) ? 'void' : 'value';
}

/** The declared type of argument `index` of `signature` (the element type past a rest parameter). */
function parameterTypeAt(checker: ts.TypeChecker, at: ts.Node, signature: ts.Signature, index: number): ts.Type | undefined {
  const parameters = signature.parameters;
  const last = parameters[parameters.length - 1];
  const isRest = (last?.valueDeclaration as ts.ParameterDeclaration | undefined)?.dotDotDotToken !== undefined;
  const parameter = index < parameters.length - (isRest ? 1 : 0) ? parameters[index] : isRest ? last : undefined;
  if (parameter === undefined) return undefined;
  const type = checker.getTypeOfSymbolAtLocation(parameter, at);
  if (parameter !== last || !isRest) return type;
  return checker.isArrayType(type) ? checker.getTypeArguments(type as ts.TypeReference)[0] : undefined;
}
