/**
 * `Promise.all(list)` over promises that already exist (a list built earlier, filled before a
 * `.clear()`, made by the project's own function) → `mapConcurrent(list, (promise) => promise)`.
 * The list is evaluated exactly where `Promise.all` evaluated it, so every call that makes a
 * promise happens when and where it did; only the waiting moves into a task group: the await no
 * longer returns or throws while some of the promises are still pending.
 */
import type { Expression, Type } from 'ts-morph';
import type { TextEdit } from '../../transform.js';

/** The edit (after the list) that makes it `mapConcurrent`'s items, or why the list is not one. */
export type StartedListPlan = { ok: true; edit: TextEdit } | { ok: false; reason: string };

const ITERATED = /^(?:Set|ReadonlySet|Generator|IterableIterator|Iterable|ArrayIterator|SetIterator|MapIterator)$/;

/**
 * Plans the rewrite of the argument of `Promise.all` as the items of
 * `mapConcurrent(items, (promise) => promise)`; with `resultUsed`, a tuple (whose element types
 * `Promise.all` keeps apart) is refused.
 *
 * @example
 * ```ts
 * const plan = planStartedList(argument, true);
 * if (plan.ok) edits.push(plan.edit, { start: calleeStart, end: calleeEnd, text: 'mapConcurrent' });
 * ```
 */
export function planStartedList(argument: Expression, resultUsed: boolean): StartedListPlan {
  const type = argument.getType();
  if (resultUsed && type.isTuple()) return { ok: false, reason: "its result is a typed tuple, which mapConcurrent's array would not keep" };
  const elements = elementTypes(type);
  if (!elements) return { ok: false, reason: 'the argument is not an array, a tuple or an iterable whose elements the checker knows' };
  for (const element of elements) {
    const odd = unlikePromise(element);
    if (odd) return { ok: false, reason: `an element may be \`${odd}\`, a thenable that is not a Promise: mapConcurrent's result type would not unwrap it as Promise.all does` };
  }
  // With one element type, `(promise) => promise` lets mapConcurrent infer its awaited type. With
  // several (`Promise<A> | Promise<B>`, `Promise<A> | B`) the checker would pick one of them and
  // reject the others; an async callback's result type is the awaited union itself.
  const distinct = [...new Map(elements.map((element) => [element.compilerType, element])).values()];
  const single = distinct.length === 1 && distinct[0] !== undefined && !distinct[0].isUnion();
  const callback = single ? '(promise) => promise' : 'async (promise) => promise';
  return { ok: true, edit: { start: argument.getEnd(), end: argument.getEnd(), text: `, ${callback}` } };
}

/** The element types of an array, tuple or known iterable, or `undefined`. */
function elementTypes(type: Type): Type[] | undefined {
  if (type.isTuple()) return type.getTupleElements();
  const element = type.getArrayElementType();
  if (element) return [element];
  if (type.isUnion()) {
    const members = type.getUnionTypes().map(elementTypes);
    return members.every((member) => member !== undefined) ? members.flat() : undefined;
  }
  const name = type.getSymbol()?.getName() ?? '';
  const first = type.getTypeArguments()[0];
  return ITERATED.test(name) && first ? [first] : undefined;
}

/**
 * The text of a thenable member of `type` that is not the platform's `Promise` (whose awaited
 * type `(promise) => promise` would leave wrapped in the result type), or `undefined`.
 */
function unlikePromise(type: Type): string | undefined {
  if (type.isAny() || type.isUnknown()) return undefined;
  for (const member of type.isUnion() ? type.getUnionTypes() : [type]) {
    if (member.getProperty('then') === undefined) continue;
    const symbol = member.getSymbol();
    const isPromise = symbol?.getName() === 'Promise' && symbol.getDeclarations().every((declaration) => declaration.getSourceFile().isDeclarationFile());
    if (!isPromise) return member.getText();
  }
  return undefined;
}

