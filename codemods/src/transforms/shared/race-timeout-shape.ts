/**
 * The `Promise.race` timeout idiom: a race between one piece of work and one timer promise
 * (`Promise.race([work(), new Promise((_, reject) => setTimeout(() => reject(err), ms))])`).
 */
import { Node, type CallExpression, type Expression } from 'ts-morph';
import { promiseCombinator } from './promise-static.js';
import { matchTimerPromise, type TimerPromise } from './timer-promise.js';

/** The two sides of a timeout race. */
export interface RaceTimeout {
  work: Expression;
  timerNode: Expression;
  timer: TimerPromise;
}

/**
 * The work and the timer of a `Promise.race` timeout, or `undefined` when `call` is not one.
 *
 * @example
 * ```ts
 * const shape = raceTimeoutShape(call);
 * if (shape?.timer.kind === 'reject') { ... failAfter ... }
 * ```
 */
export function raceTimeoutShape(call: CallExpression): RaceTimeout | undefined {
  if (promiseCombinator(call) !== 'race') return undefined;
  const args = call.getArguments();
  const array = args[0];
  if (args.length !== 1 || !array || !Node.isArrayLiteralExpression(array)) return undefined;
  const elements = array.getElements();
  if (elements.length !== 2) return undefined;
  const [first, second] = elements as [Expression, Expression];
  const firstTimer = matchTimerPromise(first);
  const secondTimer = matchTimerPromise(second);
  if (firstTimer && !secondTimer) return { work: second, timerNode: first, timer: firstTimer };
  if (secondTimer && !firstTimer) return { work: first, timerNode: second, timer: secondTimer };
  return undefined;
}

/**
 * True when `node` is the timer of a `Promise.race` timeout (that site belongs to the timeout
 * transform, not to the timer-sleep one).
 *
 * @example
 * ```ts
 * if (isRaceTimeoutTimer(node)) return;
 * ```
 */
export function isRaceTimeoutTimer(node: Node): boolean {
  const array = node.getParent();
  const call = array?.getParent();
  if (!array || !Node.isArrayLiteralExpression(array) || !call || !Node.isCallExpression(call)) return false;
  return raceTimeoutShape(call)?.timerNode === node;
}
