/**
 * Fire-and-forget calls (a floating promise statement, `void f()`, a floating `.catch()` or
 * `.then()` chain) inside an async function become tasks: `tg.startSoon(() => f())` in the task
 * group already in scope, or else in a new `await withTaskGroup(async (tg) => { ... })` around the
 * rest of the function body, so that the function now waits for the work it used to leave
 * running. Each such function is reported with `semantic: 'now-waits'`.
 *
 * Left for a person, with the reason: calls at the top level, in constructors, in synchronous
 * functions, in callbacks (whoever calls the callback decides when it ends), calls whose target
 * runs an endless loop (a monitor: waiting for it would never end), and calls that read a
 * variable the function assigns again (a task started soon would see the new value).
 *
 * @example
 * ```ts
 * // before
 * async function connect() { await open(); void monitorOnce(); }
 * // after
 * async function connect() {
 *   await open();
 *   await withTaskGroup(async (tg) => { tg.startSoon(() => monitorOnce()); });
 * }
 * ```
 */
import { Node } from 'ts-morph';
import type { CallExpression, SourceFile } from 'ts-morph';
import type { Change, Skip, Transform, TransformContext, TransformResult } from '../transform.js';
import { EditBuilder } from '../analysis/edit-builder.js';
import {
  callbackCallee,
  enclosingFunction,
  functionDisplayName,
  type FunctionLike,
} from '../analysis/enclosing-function.js';
import { endlessLoopInTarget, innermostCall, skipParentheses } from '../analysis/endless-loop.js';
import { reassignedCapture } from '../analysis/captured-writes.js';
import { taskGroupFor } from '../analysis/task-group-scope.js';
import { wrapRestOfBody, type IndentedRegion } from './fire-and-forget/wrap-rest-of-body.js';
import { findFloatingCalls, type FloatingCall } from './fire-and-forget/floating-calls.js';
import { relativeFile } from '../analysis/report-path.js';

const NAME = 'fire-and-forget-to-start-soon';
const PATTERN = 'fire-and-forget call';

export const fireAndForgetToStartSoon: Transform = {
  name: NAME,
  summary:
    'Starts fire-and-forget calls in a task group (the one in scope, or a new one around the rest of the async function), so the function waits for them.',
  run: (file, ctx) => migrate(file, ctx),
};

interface Decision {
  site: FloatingCall;
  fn: FunctionLike;
  /** The group to start in: an existing one, or undefined for a new group around the body. */
  group: string | undefined;
}

function migrate(file: SourceFile, ctx: TransformContext): TransformResult {
  const path = relativeFile(file, ctx);
  const sites = findFloatingCalls(file);
  const skips: Skip[] = [];
  const changes: Change[] = [];
  const skip = (node: Node, reason: string) =>
    skips.push({ transform: NAME, file: path, line: node.getStartLineNumber(), pattern: PATTERN, reason });

  const decisions: Decision[] = [];
  for (const site of sites) {
    const reason = reasonToLeave(site);
    if (typeof reason === 'string') skip(site.expression, reason);
    else decisions.push(reason);
  }

  const edits = new EditBuilder();
  const imports: string[] = [];
  const byFunction = new Map<FunctionLike, Decision[]>();
  for (const decision of decisions) {
    const list = byFunction.get(decision.fn) ?? [];
    list.push(decision);
    byFunction.set(decision.fn, list);
  }

  const siteIds = siteIdsByNesting([...byFunction.keys()]);
  // Several callbacks of one task group name the same waiting function: list it once.
  const reported = new Set<string>();
  const indented: IndentedRegion[] = [];
  // Outer functions first: an inner wrap must know the indentation the outer one adds.
  const ordered = [...byFunction].sort(([a], [b]) => a.getStart() - b.getStart());
  for (const [fn, group] of ordered) {
    const siteId = siteIds.get(fn) ?? 0;
    edits.siteId = siteId;
    const existing = group[0]?.group;
    let taskGroup = existing;
    if (taskGroup === undefined) {
      const wrap = wrapRestOfBody(fn, group.map((d) => d.site.expression), edits, indented);
      if (typeof wrap !== 'string') {
        for (const decision of group) skip(decision.site.expression, wrap.reason);
        continue;
      }
      taskGroup = wrap;
      if (!imports.includes('withTaskGroup')) imports.push('withTaskGroup');
    }
    const name = waitingFunctionName(fn, existing !== undefined);
    const lines = group.map((d) => d.site.expression.getStartLineNumber()).join(', ');
    const waits =
      existing === undefined
        ? `\`${name}\` now waits for ${plural(group.length, 'call')} it used to leave running (line ${lines}): the rest of its body runs in a task group`
        : `the task group in \`${name}\` now waits for ${plural(group.length, 'call')} it used to leave running (line ${lines})`;
    group.forEach((decision, index) => {
      startSoonEdits(decision.site, taskGroup, edits);
      const change: Change = {
        transform: NAME,
        file: path,
        line: decision.site.expression.getStartLineNumber(),
        message: `\`${summarise(decision.site.call)}\` -> ${taskGroup}.startSoon`,
        pattern: PATTERN,
        siteId,
      };
      // One change per site keeps the coverage counts right; the first one of each function
      // carries the function's behaviour change, so the report lists each function once.
      if (index === 0) change.message = `${change.message}; ${waits}`;
      if (index === 0 && !reported.has(`${siteId}:${name}`)) Object.assign(change, { semantic: 'now-waits', functionName: name });
      changes.push(change);
    });
    // Keyed by site too: a site the engine drops must not take another site's report with it.
    reported.add(`${siteId}:${name}`);
  }

  return { edits: edits.build(), changes, skips, imports, sites: sites.length };
}

/**
 * One site id per outermost rewritten function: a function nested in another one's rewritten body
 * shares its id, because their insertions meet at the same line starts and must be kept or
 * dropped together.
 */
function siteIdsByNesting(functions: FunctionLike[]): Map<FunctionLike, number> {
  const ids = new Map<FunctionLike, number>();
  const ordered = [...functions].sort((a, b) => a.getStart() - b.getStart());
  ordered.forEach((fn, index) => {
    const outer = ordered.find((other) => other !== fn && other.getStart() <= fn.getStart() && fn.getEnd() <= other.getEnd());
    ids.set(fn, outer === undefined ? index : (ids.get(outer) ?? index));
  });
  return ids;
}

function reasonToLeave(site: FloatingCall): Decision | string {
  if (site.statement === undefined) {
    return '`void` is used inside an expression, not as a statement of its own';
  }
  const fn = enclosingFunction(site.statement);
  if (fn === undefined) {
    return 'at the top level of a module or class body: no function can wait for it';
  }
  const root = innermostCall(site.call);
  const handlerOnly = handlerOnRunningPromise(root);
  if (handlerOnly !== undefined) {
    return `only attaches a handler to \`${shorten(handlerOnly)}\`, a promise created earlier: the work is already running and is not started here`;
  }
  const loop = endlessLoopInTarget(root);
  if (loop !== undefined) {
    return `the target \`${loop.target}\` runs an endless \`${loop.loop}\` loop (line ${loop.line}): waiting for it would never end`;
  }
  const captured = reassignedCapture(site.call, fn);
  if (captured !== undefined) {
    return `the call reads \`${captured}\`, which this function assigns again: a task started soon could see another value`;
  }
  const group = taskGroupFor(fn);
  if (group !== undefined) return { site, fn, group };
  if (Node.isConstructorDeclaration(fn)) {
    return 'in a constructor: a constructor cannot wait for the work it starts';
  }
  const callee = callbackCallee(fn);
  if (callee !== undefined) {
    return `in a callback passed to \`${shorten(callee.getText())}\`: its caller decides when it ends, so it cannot simply wait`;
  }
  if (Node.isGetAccessorDeclaration(fn) || Node.isSetAccessorDeclaration(fn) || !fn.isAsync()) {
    return `in the synchronous function \`${functionDisplayName(fn)}\`: it cannot wait for the work it starts`;
  }
  if ((Node.isFunctionDeclaration(fn) || Node.isMethodDeclaration(fn) || Node.isFunctionExpression(fn)) && fn.isGenerator()) {
    return `in the async generator \`${functionDisplayName(fn)}\`: a task group cannot span its yields`;
  }
  return { site, fn, group: undefined };
}

/** The receiver of `p.then(...)` / `p.catch(...)` when `p` is not a call (a promise that already exists). */
function handlerOnRunningPromise(call: CallExpression): string | undefined {
  const callee = skipParentheses(call.getExpression());
  if (!Node.isPropertyAccessExpression(callee)) return undefined;
  if (!['then', 'catch', 'finally'].includes(callee.getName())) return undefined;
  const receiver = skipParentheses(callee.getExpression());
  return Node.isCallExpression(receiver) ? undefined : receiver.getText();
}

/**
 * `void expr` / `expr` -> `tg.startSoon(() => expr)`, touching only the `void` keyword (comments
 * after it stay) and the two ends.
 */
function startSoonEdits(site: FloatingCall, taskGroup: string, edits: EditBuilder): void {
  const opening = `${taskGroup}.startSoon(() => `;
  const operand = site.operand;
  const voidExpression = site.voidExpression;
  if (voidExpression === undefined) {
    edits.insert(operand.getStart(), opening);
  } else {
    const text = voidExpression.getSourceFile().getFullText();
    const keywordEnd = voidExpression.getStart() + 'void'.length;
    const spaces = /^[ \t]*/.exec(text.slice(keywordEnd))?.[0].length ?? 0;
    edits.replace(voidExpression.getStart(), keywordEnd + spaces, opening);
  }
  edits.insert(operand.getEnd(), ')');
}

function waitingFunctionName(fn: FunctionLike, inExistingGroup: boolean): string {
  if (!inExistingGroup) return functionDisplayName(fn);
  // The group's host is the function that called withTaskGroup.
  for (let outer = enclosingFunction(fn); outer !== undefined; outer = enclosingFunction(outer)) {
    if (taskGroupFor(outer) === undefined) return functionDisplayName(outer);
  }
  return functionDisplayName(fn);
}

function summarise(call: CallExpression): string {
  return shorten(skipParentheses(call.getExpression()).getText()) + '()';
}

function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length > 60 ? `${oneLine.slice(0, 57)}...` : oneLine;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
