/**
 * Whether a call holds a lock or token only inside a Corral task of its own. Corral's `Lock` and
 * `CapacityLimiter` belong to the task that holds them and refuse a second hold by the same task,
 * while `async-mutex` and `p-limit` queue it: two overlapping calls from plain promise code (which
 * all runs in one task, the implicit root) would now throw instead of waiting. A call is safe
 * when it is awaited at once (or is the whole result) in a function that Corral runs as a task of
 * its own: a callback given to `tg.startSoon`/`tg.start`, `gather`, `gatherSettled`, `race` or
 * `mapConcurrent` from '@corral/runtime'.
 *
 * @example
 * ```ts
 * if (!runsInOwnTask(call)) skip('two calls could overlap in one task');
 * ```
 */
import { Node } from 'ts-morph';
import type { CallExpression } from 'ts-morph';
import { enclosingFunction, outsideParentheses, type FunctionLike } from './enclosing-function.js';
import { skipParentheses } from './endless-loop.js';
import { callTaking, isRuntimeImport, taskGroupFor } from './task-group-scope.js';

const TASK_HELPERS = ['gather', 'gatherSettled', 'race', 'mapConcurrent'];

export function runsInOwnTask(call: CallExpression): boolean {
  const { outer: node, parent } = outsideParentheses(call);
  const fn = enclosingFunction(call);
  if (fn === undefined || parent === undefined) return false;
  const awaited = Node.isAwaitExpression(parent) && isStatementLevel(parent);
  const isResult = (Node.isArrowFunction(parent) && parent.getBody() === node) || Node.isReturnStatement(parent);
  if (!awaited && !isResult) return false;
  return isTaskCallback(fn);
}

/** `await x;`, `const v = await x;`, `return await x;`: the await finishes before anything else starts. */
function isStatementLevel(awaitExpression: Node): boolean {
  const parent = awaitExpression.getParent();
  return (
    parent !== undefined &&
    (Node.isExpressionStatement(parent) || Node.isVariableDeclaration(parent) || Node.isReturnStatement(parent) || (Node.isArrowFunction(parent) && parent.getBody() === awaitExpression))
  );
}

/** Whether Corral runs `fn` as a task of its own. */
function isTaskCallback(fn: FunctionLike): boolean {
  const parent = callTaking(fn);
  if (parent === undefined) return false;
  const callee = skipParentheses(parent.getExpression());
  if (TASK_HELPERS.some((name) => isRuntimeImport(callee, name))) return true;
  // A child of a task group (not the group's body, which runs in the caller's task).
  return Node.isPropertyAccessExpression(callee) && ['startSoon', 'start'].includes(callee.getName()) && taskGroupFor(fn) !== undefined;
}
