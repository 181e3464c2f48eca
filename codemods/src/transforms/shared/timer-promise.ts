/**
 * Recognises a promise that a timer settles: `new Promise((r) => setTimeout(r, ms))`, its
 * rejecting twin `new Promise((_, reject) => setTimeout(() => reject(err), ms))`, `timers/promises`
 * `setTimeout(ms)`, and the runtime's own `sleep(ms)`. Shared by the timer-sleep and the
 * `Promise.race` timeout transforms, so both agree on what a timer is.
 */
import { Node, type Expression, type Identifier } from 'ts-morph';
import { RUNTIME_MODULE } from '../../analysis/runtime-module.js';
import { importOrigin, isPlatformGlobal } from './global-symbol.js';

/** What a timer promise does when its time is up. */
export type TimerPromise =
  | { kind: 'resolve'; ms: Expression; value?: Expression }
  | { kind: 'reject'; ms: Expression; error?: Expression }
  | { kind: 'unsupported'; ms: Expression; reason: string };

const TIMERS_PROMISES = new Set(['timers/promises', 'node:timers/promises']);

function unwrap(node: Node): Node {
  while (Node.isParenthesizedExpression(node) || Node.isAsExpression(node) || Node.isSatisfiesExpression(node) || Node.isNonNullExpression(node)) {
    node = node.getExpression();
  }
  return node;
}

/** The single expression a function body evaluates: `x` for `=> x`, `{ x; }` or `{ return x; }`. */
function soleExpression(body: Node): Node | undefined {
  if (!Node.isBlock(body)) return unwrap(body);
  const statements = body.getStatements();
  const only = statements[0];
  if (statements.length !== 1 || !only) return undefined;
  if (Node.isExpressionStatement(only)) return unwrap(only.getExpression());
  if (Node.isReturnStatement(only)) {
    const expression = only.getExpression();
    return expression ? unwrap(expression) : undefined;
  }
  return undefined;
}

function isName(node: Node | undefined, name: string | undefined): boolean {
  return name !== undefined && node !== undefined && Node.isIdentifier(node) && node.getText() === name;
}

/**
 * Is `callee` the `setTimeout` of `timers/promises` (imported by name or through a namespace)?
 *
 * @example
 * ```ts
 * isTimersPromisesSetTimeout(call.getExpression());
 * ```
 */
export function isTimersPromisesSetTimeout(callee: Node): boolean {
  if (Node.isIdentifier(callee)) {
    const origin = importOrigin(callee);
    return origin !== undefined && TIMERS_PROMISES.has(origin.module) && origin.name === 'setTimeout';
  }
  if (Node.isPropertyAccessExpression(callee) && callee.getName() === 'setTimeout') {
    const target = callee.getExpression();
    if (!Node.isIdentifier(target)) return false;
    const origin = importOrigin(target);
    return origin !== undefined && TIMERS_PROMISES.has(origin.module) && origin.name === '*';
  }
  return false;
}

/**
 * Is `callee` the runtime's `sleep`, imported from `@corral/runtime`?
 *
 * @example
 * ```ts
 * isRuntimeSleep(call.getExpression());
 * ```
 */
function isRuntimeSleep(callee: Node): callee is Identifier {
  if (!Node.isIdentifier(callee)) return false;
  const origin = importOrigin(callee);
  return origin?.module === RUNTIME_MODULE && origin.name === 'sleep';
}

/**
 * What timer promise `node` is, or `undefined` when it is not one.
 *
 * @example
 * ```ts
 * const timer = matchTimerPromise(element);
 * if (timer?.kind === 'reject') { ... failAfter ... }
 * ```
 */
export function matchTimerPromise(node: Node): TimerPromise | undefined {
  const expression = unwrap(node);
  if (Node.isCallExpression(expression)) {
    const callee = expression.getExpression();
    const args = expression.getArguments() as Expression[];
    const [ms, value, options] = args;
    if (!ms) return undefined;
    if (isRuntimeSleep(callee) && args.length === 1) return { kind: 'resolve', ms };
    if (!isTimersPromisesSetTimeout(callee)) return undefined;
    if (options) return { kind: 'unsupported', ms, reason: 'passes options to setTimeout (signal or ref): the enclosing cancel scope would have to take that role' };
    if (value && !(Node.isIdentifier(value) && value.getText() === 'undefined')) return { kind: 'resolve', ms, value };
    return { kind: 'resolve', ms };
  }
  if (!Node.isNewExpression(expression)) return undefined;
  const constructor = expression.getExpression();
  if (!Node.isIdentifier(constructor) || constructor.getText() !== 'Promise' || !isPlatformGlobal(constructor)) return undefined;
  const executor = expression.getArguments()[0];
  if (expression.getArguments().length !== 1 || !executor || !(Node.isArrowFunction(executor) || Node.isFunctionExpression(executor))) return undefined;
  const params = executor.getParameters();
  if (params.length < 1 || params.length > 2 || params.some((param) => !Node.isIdentifier(param.getNameNode()))) return undefined;
  const resolveName = params[0]?.getName();
  const rejectName = params[1]?.getName();
  const timerCall = soleExpression(executor.getBody());
  if (!timerCall || !Node.isCallExpression(timerCall)) return undefined;
  const timerCallee = timerCall.getExpression();
  if (!Node.isIdentifier(timerCallee) || timerCallee.getText() !== 'setTimeout' || !isPlatformGlobal(timerCallee)) return undefined;
  const [callback, ms, ...extra] = timerCall.getArguments() as Expression[];
  if (!callback || !ms) return undefined;

  if (Node.isIdentifier(callback)) {
    if (isName(callback, resolveName)) return extra[0] ? { kind: 'resolve', ms, value: extra[0] } : { kind: 'resolve', ms };
    if (isName(callback, rejectName)) return extra[0] ? { kind: 'reject', ms, error: extra[0] } : { kind: 'reject', ms };
    return undefined;
  }
  if (!(Node.isArrowFunction(callback) || Node.isFunctionExpression(callback)) || callback.getParameters().length > 0) return undefined;
  const settle = soleExpression(callback.getBody());
  if (!settle || !Node.isCallExpression(settle)) return undefined;
  const settleArgs = settle.getArguments() as Expression[];
  if (settleArgs.length > 1) return undefined;
  const [argument] = settleArgs;
  if (isName(settle.getExpression(), resolveName)) {
    const meaningful = argument && !(Node.isIdentifier(argument) && argument.getText() === 'undefined');
    return meaningful ? { kind: 'resolve', ms, value: argument } : { kind: 'resolve', ms };
  }
  if (isName(settle.getExpression(), rejectName)) return argument ? { kind: 'reject', ms, error: argument } : { kind: 'reject', ms };
  return undefined;
}
