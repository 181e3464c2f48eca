/**
 * The rewrite shared by `Promise.all`, `Promise.allSettled` and `Promise.race` over an array
 * literal: the callee becomes the runtime helper, the brackets go, and each element becomes a
 * function that starts the same work. Everything else (comments, line breaks, trailing commas)
 * stays where it was.
 */
import { Node, type ArrayLiteralExpression, type CallExpression } from 'ts-morph';
import type { TextEdit } from '../../transform.js';
import { planThunk, type ThunkOptions } from './work-thunk.js';

/** The edits of a list rewrite, or why the site is left alone. */
export type ListPlan = { ok: true; edits: TextEdit[]; count: number; started: number } | { ok: false; reason: string };

/**
 * Plans `Promise.x([a(), b()])` → `helper(() => a(), () => b())`, with `helper` the local name
 * of the runtime function, and each work wrapped in `wrap(...)` when given (see
 * {@link ThunkOptions} for promises made earlier).
 *
 * @example
 * ```ts
 * const plan = planListRewrite(call, array, 'gather');
 * ```
 */
export function planListRewrite(call: CallExpression, array: ArrayLiteralExpression, helper: string, wrap?: string, options: ThunkOptions = {}): ListPlan {
  const elements = array.getElements();
  if (elements.length === 0) return { ok: false, reason: 'the list is empty' };
  const edits: TextEdit[] = [];
  let started = 0;
  for (const element of elements) {
    const plan = planThunk(element, wrap, options);
    if (!plan.ok) return plan;
    edits.push(...plan.edits);
    if (plan.started) started++;
  }
  const callee = call.getExpression();
  edits.push({ start: callee.getStart(), end: callee.getEnd(), text: helper });
  const text = call.getSourceFile().getFullText();
  let open = array.getStart();
  // `all( [` at the end of a line: the spaces before the bracket would be left trailing.
  if (/^\[[^\S\n]*\r?\n/.test(text.slice(open))) while (open > 0 && (text[open - 1] === ' ' || text[open - 1] === '\t')) open--;
  const close = array.getEnd() - 1;
  edits.push({ start: open, end: array.getStart() + 1, text: '' }, { start: close, end: close + 1, text: '' });
  return { ok: true, edits, count: elements.length, started };
}

/**
 * The array literal that is the only argument of `call`, seen through parentheses, or
 * `undefined`.
 *
 * @example
 * ```ts
 * const array = soleArrayArgument(call); // Promise.all([a(), b()]) -> [a(), b()]
 * ```
 */
export function soleArrayArgument(call: CallExpression): ArrayLiteralExpression | undefined {
  const args = call.getArguments();
  if (args.length !== 1) return undefined;
  const only = args[0];
  return only && Node.isArrayLiteralExpression(only) ? only : undefined;
}

/**
 * A short text for a report line: the first line of `node`'s text, cut at `max` characters.
 *
 * @example
 * ```ts
 * snippet(call); // "Promise.all([a(), b()])"
 * ```
 */
export function snippet(node: Node, max = 60): string {
  const first = node.getText().split('\n')[0] ?? '';
  return first.length > max ? `${first.slice(0, max - 3)}...` : first;
}
