/**
 * Turns an element of `Promise.all([...])` (or `race`, `allSettled`) into a function that starts
 * the same work: `a()` becomes `() => a()`, an async IIFE becomes the async function itself. An
 * element that is a promise created earlier cannot be turned into one: its work is already
 * running, outside any task group, so it is left for a person with the reason.
 */
import { Node, type Expression, type Type } from 'ts-morph';
import type { TextEdit } from '../../transform.js';
import { readsTheSameLater } from '../../analysis/stable-binding.js';
import { isArrayMapCall } from './array-methods.js';

/** The edits that turn an element into a function, or why it cannot be done. */
export type ThunkPlan = { ok: true; edits: TextEdit[]; started?: boolean } | { ok: false; reason: string };

/** How {@link planThunk} treats an element. */
export interface ThunkOptions {
  /**
   * A promise made earlier, held in a variable that reads the same a microtask later, becomes
   * `() => name`: the task awaits the running work (it was started before, as it was) instead
   * of starting it. Only for helpers that do not cancel on the first result (not `race`).
   */
  acceptStarted?: boolean;
}

const CHAIN_METHODS = new Set(['then', 'catch', 'finally']);
const LOGICAL = new Set(['&&', '||', '??']);

/**
 * True when the type could be a promise (it, or a member of its union, has a `then`), or cannot
 * be known (`any`, `unknown`).
 *
 * @example
 * ```ts
 * if (mayBePromise(node.getType())) { ... }
 * ```
 */
function mayBePromise(type: Type): boolean {
  if (type.isAny() || type.isUnknown()) return true;
  const members = type.isUnion() ? type.getUnionTypes() : [type];
  return members.some((member) => member.isAny() || member.getProperty('then') !== undefined);
}

/**
 * The first `await` or `yield` that belongs to `node` itself (not to a function nested in it).
 *
 * @example
 * ```ts
 * if (ownAwait(element)) return { ok: false, reason: 'element awaits' };
 * ```
 */
function ownAwait(node: Node): Node | undefined {
  if (Node.isAwaitExpression(node) || Node.isYieldExpression(node)) return node;
  let found: Node | undefined;
  node.forEachDescendant((child, traversal) => {
    if (Node.isFunctionLikeDeclaration(child) || Node.isClassDeclaration(child) || Node.isClassExpression(child)) {
      traversal.skip();
      return;
    }
    if (Node.isAwaitExpression(child) || Node.isYieldExpression(child) || (Node.isForOfStatement(child) && child.isAwaited())) {
      found = child;
      traversal.stop();
    }
  });
  return found;
}

/**
 * Why evaluating `expression` later, inside a task, would not start the same work it starts
 * now, or `undefined` when it would.
 */
function notFreshReason(expression: Expression): string | undefined {
  if (Node.isParenthesizedExpression(expression) || Node.isAsExpression(expression) || Node.isNonNullExpression(expression) || Node.isSatisfiesExpression(expression)) {
    return notFreshReason(expression.getExpression());
  }
  if (Node.isCallExpression(expression)) {
    const callee = expression.getExpression();
    if (Node.isPropertyAccessExpression(callee) && CHAIN_METHODS.has(callee.getName())) {
      return notFreshReason(callee.getExpression());
    }
    return undefined;
  }
  if (Node.isNewExpression(expression) || Node.isTaggedTemplateExpression(expression)) return undefined;
  if (Node.isConditionalExpression(expression)) {
    return notFreshReason(expression.getWhenTrue()) ?? notFreshReason(expression.getWhenFalse());
  }
  // `enabled && send()`: the condition moves into the task with the call it guards.
  if (Node.isBinaryExpression(expression) && LOGICAL.has(expression.getOperatorToken().getText())) {
    return notFreshReason(expression.getLeft()) ?? notFreshReason(expression.getRight());
  }
  if (!mayBePromise(expression.getType())) return undefined;
  const shown = expression.getText().length > 40 ? `${expression.getText().slice(0, 37)}...` : expression.getText();
  return `\`${shown}\` is a promise created earlier: its work is already running outside any task group`;
}

/** The async function of `(async () => { ... })()`, when the element is exactly that. */
function asyncIife(expression: Expression): { call: Node; paren: Node; fn: Node } | undefined {
  if (!Node.isCallExpression(expression) || expression.getArguments().length > 0 || expression.getTypeArguments().length > 0) return undefined;
  const paren = expression.getExpression();
  if (!Node.isParenthesizedExpression(paren)) return undefined;
  const fn = paren.getExpression();
  if (!(Node.isArrowFunction(fn) || Node.isFunctionExpression(fn)) || !fn.isAsync()) return undefined;
  if (Node.isFunctionExpression(fn) && (fn.getNameNode() || usesThis(fn))) return undefined;
  return { call: expression, paren, fn };
}

function usesThis(node: Node): boolean {
  let found = false;
  node.forEachDescendant((child, traversal) => {
    if (Node.isThisExpression(child) || (Node.isIdentifier(child) && child.getText() === 'arguments')) {
      found = true;
      traversal.stop();
    } else if (Node.isFunctionDeclaration(child) || Node.isFunctionExpression(child) || Node.isClassDeclaration(child)) {
      traversal.skip();
    }
  });
  return found;
}

const ONLY_PUNCTUATION = /^[\s()]*$/;

/**
 * Plans the edits that make `element` a function starting the same work. With `wrap`, the work is
 * passed through that function (`() => abandonOnCancel(work())`).
 *
 * @example
 * ```ts
 * const plan = planThunk(element);
 * if (!plan.ok) skips.push({ ..., reason: plan.reason });
 * ```
 */
export function planThunk(element: Node, wrap?: string, options: ThunkOptions = {}): ThunkPlan {
  if (Node.isSpreadElement(element)) {
    const spread = wrap ? undefined : planSpreadOfMap(element.getExpression());
    return spread ?? { ok: false, reason: 'spreads an array of promises that already exist: their work is already running' };
  }
  if (Node.isOmittedExpression(element)) return { ok: false, reason: 'the array has a hole' };
  if (!Node.isExpression(element)) return { ok: false, reason: `unexpected element kind ${element.getKindName()}` };
  const awaited = ownAwait(element);
  if (awaited) {
    return { ok: false, reason: `an element contains \`${awaited.getText().slice(0, 30)}\`: moving it into a task would change when it runs` };
  }
  const stale = notFreshReason(element);
  const start = element.getStart();
  const end = element.getEnd();
  if (stale) {
    if (options.acceptStarted && !wrap && Node.isIdentifier(element) && readsTheSameLater(element)) {
      return { ok: true, edits: [{ start, end: start, text: '() => ' }], started: true };
    }
    return { ok: false, reason: stale };
  }
  if (wrap) return { ok: true, edits: [{ start, end: start, text: `() => ${wrap}(` }, { start: end, end, text: ')' }] };

  const iife = asyncIife(element);
  if (iife) {
    const open = iife.paren.getStart();
    const tail = element.getSourceFile().getFullText().slice(iife.fn.getEnd(), iife.call.getEnd());
    if (ONLY_PUNCTUATION.test(tail)) {
      return { ok: true, edits: [{ start: open, end: open + 1, text: '' }, { start: iife.fn.getEnd(), end: iife.call.getEnd(), text: '' }] };
    }
  }
  if (Node.isObjectLiteralExpression(element)) {
    return { ok: true, edits: [{ start, end: start, text: '() => (' }, { start: end, end, text: ')' }] };
  }
  return { ok: true, edits: [{ start, end: start, text: '() => ' }] };
}

/**
 * `...items.map((x) => work(x))` → `...items.map((x) => () => work(x))`: the map then makes
 * functions, not running promises, and the work starts in the tasks. `undefined` when the
 * expression is not the platform's `map` with an arrow callback.
 *
 * @example
 * ```ts
 * const plan = planSpreadOfMap(spread.getExpression());
 * ```
 */
export function planSpreadOfMap(expression: Expression): ThunkPlan | undefined {
  if (!Node.isCallExpression(expression) || !isArrayMapCall(expression)) return undefined;
  const fn = expression.getArguments()[0];
  if (expression.getArguments().length !== 1 || !fn || !Node.isArrowFunction(fn)) return undefined;
  const body = fn.getBody();
  if (!fn.isAsync()) return { ok: true, edits: [{ start: body.getStart(), end: body.getStart(), text: '() => ' }] };
  const asyncKeyword = fn.getModifiers().find((modifier) => modifier.getText() === 'async');
  if (!asyncKeyword) return undefined;
  const text = expression.getSourceFile().getFullText();
  const spaceAfter = /^\s*/.exec(text.slice(asyncKeyword.getEnd()))?.[0].length ?? 0;
  return {
    ok: true,
    edits: [
      { start: asyncKeyword.getStart(), end: asyncKeyword.getEnd() + spaceAfter, text: '' },
      { start: body.getStart(), end: body.getStart(), text: 'async () => ' },
    ],
  };
}
