import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { memberName } from './expressions.js';
import { isGlobalReference, moduleMemberOf, normalizeModule } from './module-bindings.js';

const timerNamesCache = new WeakMap<TSESTree.Program, ReadonlySet<string>>();
const TIMER_MODULES: ReadonlySet<string> = new Set(['timers', 'timers/promises']);

/** The timer functions of `globalThis`, `timers` and `timers/promises` that the patterns name. */
export const TIMER_FUNCTIONS: readonly ['setTimeout', 'setInterval'] = ['setTimeout', 'setInterval'];

function isTimerFunction(name: string | null | undefined): name is 'setTimeout' | 'setInterval' {
  return name === 'setTimeout' || name === 'setInterval';
}

/**
 * The local names that a file binds to Node's `timers` or `timers/promises` (through `import`
 * or a top-level `require`), computed once per file. A call is resolved through scope analysis
 * only when its callee (or the object of its callee) has one of these names, which keeps the
 * rule cheap on the many files that import no timers.
 *
 * @example
 * // import { setTimeout as delay } from 'node:timers/promises';
 * timerModuleNames(sourceCode.ast).has('delay'); // true
 */
export function timerModuleNames(program: TSESTree.Program): ReadonlySet<string> {
  const cached = timerNamesCache.get(program);
  if (cached !== undefined) return cached;
  const names = new Set<string>();
  const isTimers = (source: string): boolean => TIMER_MODULES.has(normalizeModule(source));
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration && isTimers(statement.source.value)) {
      for (const specifier of statement.specifiers) names.add(specifier.local.name);
    }
    if (statement.type !== AST_NODE_TYPES.VariableDeclaration) continue;
    for (const declarator of statement.declarations) {
      const init = declarator.init;
      if (init?.type !== AST_NODE_TYPES.CallExpression || init.callee.type !== AST_NODE_TYPES.Identifier || init.callee.name !== 'require') continue;
      const source = init.arguments[0];
      if (source?.type !== AST_NODE_TYPES.Literal || typeof source.value !== 'string' || !isTimers(source.value)) continue;
      if (declarator.id.type === AST_NODE_TYPES.Identifier) names.add(declarator.id.name);
      if (declarator.id.type !== AST_NODE_TYPES.ObjectPattern) continue;
      for (const property of declarator.id.properties) {
        if (property.type === AST_NODE_TYPES.Property && property.value.type === AST_NODE_TYPES.Identifier) names.add(property.value.name);
      }
    }
  }
  timerNamesCache.set(program, names);
  return names;
}

/** Whether `callee` could name a timer of Node's timer modules: the cheap test before scope analysis. */
function mayBeTimerModuleCallee(sourceCode: Readonly<TSESLint.SourceCode>, callee: TSESTree.Node): boolean {
  const names = timerModuleNames(sourceCode.ast);
  if (names.size === 0) return false;
  let root: TSESTree.Node = callee;
  while (root.type === AST_NODE_TYPES.MemberExpression) root = root.object;
  return root.type === AST_NODE_TYPES.Identifier && names.has(root.name);
}

/**
 * A timer call that takes a callback: `setTimeout(fn, ms)` or `setInterval(fn, ms)`, the global
 * ones or the same functions imported from Node's `timers` module.
 */
export function globalTimerName(
  sourceCode: Readonly<TSESLint.SourceCode>,
  call: TSESTree.CallExpression,
): 'setTimeout' | 'setInterval' | null {
  const callee = call.callee;
  for (const name of TIMER_FUNCTIONS) {
    if (isGlobalReference(sourceCode, callee, name)) return name;
  }
  if (mayBeTimerModuleCallee(sourceCode, callee)) {
    const member = moduleMemberOf(sourceCode, callee);
    if (member?.module === 'timers' && isTimerFunction(member.name)) return member.name;
  }
  // `globalThis.setTimeout(...)` is the same timer.
  const method = memberName(callee);
  if (callee.type === AST_NODE_TYPES.MemberExpression && isTimerFunction(method) && isGlobalReference(sourceCode, callee.object, 'globalThis')) {
    return method;
  }
  return null;
}

/** `setTimeout`/`setInterval`/`scheduler.wait` from `timers/promises`, or null. */
export function promiseTimerName(sourceCode: Readonly<TSESLint.SourceCode>, call: TSESTree.CallExpression): string | null {
  if (!mayBeTimerModuleCallee(sourceCode, call.callee)) return null;
  const member = moduleMemberOf(sourceCode, call.callee);
  if (member?.module === 'timers/promises' && isTimerFunction(member.name)) return member.name;
  // `scheduler.wait(ms)` after `import { scheduler } from 'timers/promises'`.
  const callee = call.callee;
  if (callee.type === AST_NODE_TYPES.MemberExpression && memberName(callee) === 'wait') {
    const owner = moduleMemberOf(sourceCode, callee.object);
    if (owner?.module === 'timers/promises' && owner.name === 'scheduler') return 'scheduler.wait';
  }
  return null;
}

/** The single call a function runs: a concise body, or a block of one expression statement. */
export function soleCall(fn: TSESTree.Node): TSESTree.CallExpression | null {
  if (fn.type !== AST_NODE_TYPES.ArrowFunctionExpression && fn.type !== AST_NODE_TYPES.FunctionExpression) return null;
  const body = fn.body;
  if (body.type === AST_NODE_TYPES.CallExpression) return body;
  if (body.type !== AST_NODE_TYPES.BlockStatement || body.body.length !== 1) return null;
  const [statement] = body.body;
  // `{ call(); }` and `{ return call(); }` say the same: the callback is that one call.
  const expression =
    statement?.type === AST_NODE_TYPES.ExpressionStatement
      ? statement.expression
      : statement?.type === AST_NODE_TYPES.ReturnStatement
        ? statement.argument
        : null;
  return expression?.type === AST_NODE_TYPES.CallExpression ? expression : null;
}

/**
 * A hand-made sleep: the timer that resolves it, and what else the executor does. `extra` is
 * null when the executor only starts the timer, so `sleep(ms)` says the same; `'unref'` when
 * the timer is `unref()`ed (it does not keep the process alive, which `sleep(ms)` would);
 * `'statements'` when the executor runs more than the timer (keeps its handle, listens for an
 * abort), which a rewrite would lose.
 */
export interface SleepPromise {
  readonly timer: TSESTree.CallExpression;
  readonly extra: 'unref' | 'statements' | null;
}

/**
 * If `node` is a hand-made sleep, the timer and what else its executor does; otherwise null. A
 * sleep is a `new Promise` whose executor starts one `setTimeout` in its own body whose callback
 * only resolves: `(r) => setTimeout(r, ms)`, `setTimeout(() => r(), ms)`,
 * `setTimeout(() => r(undefined), ms)`, also kept (`const t = setTimeout(r, ms); ...`) or
 * `unref()`ed.
 *
 * @example
 * matchSleepPromise(sourceCode, parse('new Promise((r) => setTimeout(r, 50))'))?.timer.arguments[1]; // 50
 */
export function matchSleepPromise(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.NewExpression): SleepPromise | null {
  if (!isGlobalReference(sourceCode, node.callee, 'Promise') || node.arguments.length !== 1) return null;
  const executor = node.arguments[0];
  if (executor === undefined || (executor.type !== AST_NODE_TYPES.ArrowFunctionExpression && executor.type !== AST_NODE_TYPES.FunctionExpression)) {
    return null;
  }
  const resolve = executor.params[0];
  if (resolve?.type !== AST_NODE_TYPES.Identifier) return null;
  const started = executor.body.type === AST_NODE_TYPES.BlockStatement ? executor.body.body.map(startedValue) : [executor.body];
  const timers = started.flatMap((value) => {
    const timer = value === null ? null : unrefTarget(value) ?? value;
    return timer?.type === AST_NODE_TYPES.CallExpression && isSleepTimer(sourceCode, timer, resolve.name) ? [{ value, timer }] : [];
  });
  if (timers.length !== 1) return null;
  const [{ value, timer }] = timers as [{ value: TSESTree.Node; timer: TSESTree.CallExpression }];
  if (value !== timer) return { timer, extra: 'unref' };
  const onlyTheTimer = executor.body.type !== AST_NODE_TYPES.BlockStatement || soleCall(executor) === timer;
  return { timer, extra: onlyTheTimer ? null : 'statements' };
}

/** The value a statement of an executor starts: an expression statement's, a return's, or a lone declarator's. */
function startedValue(statement: TSESTree.Statement): TSESTree.Node | null {
  if (statement.type === AST_NODE_TYPES.ExpressionStatement) return statement.expression;
  if (statement.type === AST_NODE_TYPES.ReturnStatement) return statement.argument;
  if (statement.type === AST_NODE_TYPES.VariableDeclaration && statement.declarations.length === 1) {
    return statement.declarations[0]?.init ?? null;
  }
  return null;
}

/** For `timer.unref()`, the timer call; otherwise null. */
function unrefTarget(value: TSESTree.Node): TSESTree.Node | null {
  if (value.type !== AST_NODE_TYPES.CallExpression || value.arguments.length > 0) return null;
  const callee = value.callee;
  return callee.type === AST_NODE_TYPES.MemberExpression && memberName(callee) === 'unref' ? callee.object : null;
}

/** `setTimeout(resolve, ms)` or `setTimeout(() => resolve(), ms)` (or `resolve(undefined)`). */
function isSleepTimer(sourceCode: Readonly<TSESLint.SourceCode>, timer: TSESTree.CallExpression, resolve: string): boolean {
  if (globalTimerName(sourceCode, timer) !== 'setTimeout' || timer.arguments.length > 2) return false;
  const callback = timer.arguments[0];
  if (callback === undefined) return false;
  if (callback.type === AST_NODE_TYPES.Identifier) return callback.name === resolve;
  // `() => resolve()`: a callback that only resolves, with no value.
  const inner = soleCall(callback);
  if (inner === null || inner.callee.type !== AST_NODE_TYPES.Identifier || inner.callee.name !== resolve) return false;
  const [value, ...rest] = inner.arguments;
  const noValue = value === undefined || (value.type === AST_NODE_TYPES.Identifier && value.name === 'undefined' && rest.length === 0);
  return noValue && (callback.type === AST_NODE_TYPES.ArrowFunctionExpression || callback.type === AST_NODE_TYPES.FunctionExpression) && callback.params.length === 0;
}

/**
 * Whether a timer callback only aborts a controller: `() => controller.abort()`, or the bound
 * method `controller.abort.bind(controller)`.
 */
export function isAbortCallback(callback: TSESTree.Node | undefined): boolean {
  if (callback === undefined) return false;
  if (callback.type === AST_NODE_TYPES.CallExpression && memberName(callback.callee) === 'bind') {
    return callback.callee.type === AST_NODE_TYPES.MemberExpression && memberName(callback.callee.object) === 'abort';
  }
  const call = soleCall(callback);
  return call !== null && memberName(call.callee) === 'abort';
}

/** `AbortSignal.timeout(ms)` on the global `AbortSignal`. */
export function isAbortSignalTimeout(sourceCode: Readonly<TSESLint.SourceCode>, call: TSESTree.CallExpression): boolean {
  const callee = call.callee;
  return callee.type === AST_NODE_TYPES.MemberExpression && memberName(callee) === 'timeout' && isGlobalReference(sourceCode, callee.object, 'AbortSignal');
}

/** `Promise.<method>(...)` on the global `Promise`: the method name, or null. */
export function promiseStaticName(sourceCode: Readonly<TSESLint.SourceCode>, call: TSESTree.CallExpression): string | null {
  const callee = call.callee;
  const method = memberName(callee);
  if (method === null || callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  return isGlobalReference(sourceCode, callee.object, 'Promise') ? method : null;
}
